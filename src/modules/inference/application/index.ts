// The inference module's public API: what other modules and the composition root may use.

export { InferenceErrorCode } from '../domain/inference.errors.js';
export type { Sentiment } from '../domain/sentiment.js';
export { SentimentLabel } from '../domain/sentiment.js';
export type { PredictSentimentCommand } from './commands/predict-sentiment.command.js';
export { PredictSentimentHandler } from './commands/predict-sentiment.command.js';
export type { PredictionPage, PredictionPageRequest } from './ports/prediction.read-model.js';
export type { ModelBackend, ModelMetadata, SentimentModel } from './ports/sentiment-model.js';
export { ModelUnavailableError, SENTIMENT_MODEL } from './ports/sentiment-model.js';
export type { InferenceModelView } from './queries/inference-models.query.js';
export { InferenceModelsQuery } from './queries/inference-models.query.js';
export { PredictionQueries } from './queries/prediction.queries.js';
export type { PredictionView } from './queries/prediction.view.js';
export { SentimentOfTextsHandler } from './queries/sentiment-of-texts.query.js';
