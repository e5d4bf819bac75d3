import DataLoader from 'dataloader';
import { toGraphQLError } from '#shared/graphql/errors.js';
import type { Sentiment, SentimentOfTextsHandler } from '../application/index.js';

declare module '#shared/graphql/context.js' {
  interface RequestLoaders {
    /** The sentiment of a text: cached scores in one read, every miss in one model call. */
    sentiments: DataLoader<string, Sentiment>;
  }
}

/** `handler` is asked for lazily, so requests that never ask for a sentiment never load it. */
export function createInferenceLoaders(handler: () => SentimentOfTextsHandler) {
  return {
    sentiments: new DataLoader<string, Sentiment>(async (texts) => {
      const result = await handler().execute({ texts });
      if (!result.ok) {
        // Each field that asked gets the error; the rest of the response still renders.
        const error = toGraphQLError(result.error);
        return texts.map(() => error);
      }
      return texts.map((text) => result.value.get(text) as Sentiment);
    }),
  };
}
