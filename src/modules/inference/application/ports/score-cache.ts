import type { Sentiment } from '../../domain/sentiment.js';

export interface ModelKey {
  readonly model: string;
  readonly version: string;
}

/** Scores already computed, by model version and text (stored by a hash of the text). */
export interface ScoreCache {
  find(key: ModelKey, texts: readonly string[]): Promise<Map<string, Sentiment>>;
  store(key: ModelKey, scores: ReadonlyMap<string, Sentiment>, at: Date): Promise<void>;
}

export const SCORE_CACHE = Symbol('inference.ScoreCache');
