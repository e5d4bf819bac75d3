import type { Sentiment, SentimentLabel } from '../../domain/sentiment.js';

export interface ModelMetadata {
  readonly name: string;
  readonly version: string;
  readonly backend: 'local' | 'remote';
  readonly labels: readonly SentimentLabel[];
  readonly maxBatchSize: number;
}

/** The model could not answer (down, too slow, circuit open): retry later. */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

/** A sentiment model, wherever it runs. Results come back in the order of the texts. */
export interface SentimentModel {
  predict(texts: readonly string[]): Promise<Sentiment[]>;
  metadata(): ModelMetadata;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const SENTIMENT_MODEL = Symbol('inference.SentimentModel');
