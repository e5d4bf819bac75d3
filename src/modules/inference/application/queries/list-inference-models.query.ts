import { inject, injectable } from 'inversify';
import { SENTIMENT_MODEL, type SentimentModel } from '../ports/sentiment-model.js';
import { whileAvailable } from '../services/while-available.js';
import type { InferenceModelView } from './inference-model.view.js';

export type ListInferenceModelsQuery = Record<string, never>;

/** The models this server scores with (one today), and whether each can answer now. */
@injectable()
export class ListInferenceModelsHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async execute(_query: ListInferenceModelsQuery = {}): Promise<InferenceModelView[]> {
    const [described, ready] = await Promise.all([
      whileAvailable(() => this.model.metadata()),
      this.model.ready(),
    ]);
    // A remote model that cannot be asked is still listed, with what is known without it.
    const metadata = described.ok ? described.value : null;
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
