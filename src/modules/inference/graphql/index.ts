import './user-error-code.enum.js';
import { InferenceResolver } from './inference.resolver.js';

export { createInferenceLoaders } from './sentiment.loaders.js';
export { SentimentType } from './sentiment.type.js';

export const inferenceResolvers = [InferenceResolver] as const;
