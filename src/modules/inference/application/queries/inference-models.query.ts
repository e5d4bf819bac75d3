import { inject, injectable } from 'inversify';
import type { SentimentLabel } from '../../domain/sentiment.js';
import {
  type ModelBackend,
  ModelUnavailableError,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';

export interface InferenceModelView {
  readonly name: string;
  /** Null when a remote model cannot be asked right now. */
  readonly version: string | null;
  readonly backend: ModelBackend;
  readonly labels: readonly SentimentLabel[];
  readonly maxBatchSize: number | null;
  readonly ready: boolean;
}

/** The models this server scores with (one today), and whether each can answer now. */
@injectable()
export class InferenceModelsQuery {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async list(): Promise<InferenceModelView[]> {
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
