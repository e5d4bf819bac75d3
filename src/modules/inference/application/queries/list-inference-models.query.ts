import { inject, injectable } from 'inversify';
import {
  ModelUnavailableError,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import type { InferenceModelView } from './inference-model.view.js';

export type ListInferenceModelsQuery = Record<string, never>;

/** The models this server scores with (one today), and whether each can answer now. */
@injectable()
export class ListInferenceModelsHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async execute(_query: ListInferenceModelsQuery = {}): Promise<InferenceModelView[]> {
    const [metadata, ready] = await Promise.all([
      this.model.metadata().catch((error: unknown) => {
        if (error instanceof ModelUnavailableError) {
          return null;
        }
        throw error;
      }),
      this.model.ready(),
    ]);
    return [
      {
        name: metadata?.name ?? this.model.name,
        version: metadata?.version ?? null,
        backend: this.model.backend,
        labels: metadata?.labels ?? [],
        maxBatchSize: metadata?.maxBatchSize ?? null,
        ready: metadata !== null && ready,
      },
    ];
  }
}
