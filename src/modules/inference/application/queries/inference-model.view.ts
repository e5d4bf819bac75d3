import type { SentimentLabel } from '../../domain/sentiment.js';
import type { ModelBackend } from '../ports/sentiment-model.js';

export interface InferenceModelView {
  readonly name: string;
  /** Null when a remote model cannot be asked right now. */
  readonly version: string | null;
  readonly backend: ModelBackend;
  readonly labels: readonly SentimentLabel[];
  readonly maxBatchSize: number | null;
  readonly ready: boolean;
}
