import DataLoader from 'dataloader';
import { toGraphQLError } from '#shared/graphql/errors.js';
import type {
  GetPredictionsByIdsHandler,
  PredictionView,
  Sentiment,
  SentimentOfTextsHandler,
} from '../application/index.js';

declare module '#shared/graphql/context.js' {
  interface RequestLoaders {
    /** The sentiment of a text: cached scores in one read, every miss in one model call. */
    sentiments: DataLoader<string, Sentiment>;
    /** The viewer's predictions by id; other users' load as null. */
    predictions: DataLoader<string, PredictionView | null>;
  }
}

/** Handlers are asked for lazily, so requests that never use a loader never build one. */
export function createInferenceLoaders(
  handler: () => SentimentOfTextsHandler,
  predictionsByIds: () => GetPredictionsByIdsHandler,
  viewerId: string | null,
) {
  return {
    predictions: new DataLoader<string, PredictionView | null>((ids) =>
      viewerId
        ? predictionsByIds().execute({ userId: viewerId, ids })
        : Promise.resolve(ids.map(() => null)),
    ),
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
