import type { Sentiment, SentimentLabel } from '../../domain/sentiment.js';

export type ModelBackend = 'local' | 'remote';

export interface ModelMetadata {
  readonly name: string;
  readonly version: string;
  readonly backend: ModelBackend;
  readonly labels: readonly SentimentLabel[];
  readonly maxBatchSize: number;
}

/**
 * The model could not answer (down, too slow, malformed answer, circuit open): retry later.
 * `message` is for the model's users and names no internal host; `detail` is for operators
 * (logs, the CLI): where the model runs and what it answered.
 */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';

  constructor(
    message: string,
    readonly detail: string = message,
  ) {
    super(message);
  }
}

/** The model is busy: its queue is full. Worth retrying after `retryAfterSeconds`. */
export class ModelBusyError extends ModelUnavailableError {
  override name = 'ModelBusyError';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A sentiment model, wherever it runs. Results come back in the order of the texts.
 * `predict` and `metadata` throw `ModelUnavailableError` when the model cannot answer.
 */
export interface SentimentModel {
  /** The configured model name, known without asking the model. */
  readonly name: string;
  readonly backend: ModelBackend;
  predict(texts: readonly string[]): Promise<Sentiment[]>;
  /**
   * Seconds to wait before work of this many characters would be taken, or null if it
   * would be taken now: lets a caller refuse a request before even reading its texts.
   */
  busyFor(characters: number): number | null;
  metadata(): Promise<ModelMetadata>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const SENTIMENT_MODEL = Symbol('inference.SentimentModel');
