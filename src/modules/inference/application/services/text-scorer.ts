import { inject, injectable, optional } from 'inversify';
import {
  CANCELLATION,
  type Cancellation,
  NEVER_CANCELLED,
} from '#shared/application/cancellation.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { type ModelKey, SCORE_CACHE, type ScoreCache } from '../ports/score-cache.js';
import { SENTIMENT_MODEL, type SentimentModel } from '../ports/sentiment-model.js';
import { whileAvailable } from './while-available.js';

export interface ScoredTexts {
  readonly key: ModelKey;
  /** Every distinct text given, with its scores. */
  readonly scores: ReadonlyMap<string, Sentiment>;
  /** The texts the model scored now (not cached yet): store them. */
  readonly fresh: ReadonlyMap<string, Sentiment>;
}

/**
 * Scores texts with the configured model, reading the score cache first: cached scores
 * come from one query, and every miss goes to the model in one call. Throws
 * `ModelUnavailableError` when the model cannot answer; stores nothing itself.
 */
@injectable()
export class TextScorer {
  constructor(
    @inject(SENTIMENT_MODEL) private readonly model: SentimentModel,
    @inject(SCORE_CACHE) private readonly cache: ScoreCache,
    @inject(CANCELLATION)
    @optional()
    private readonly cancellation: Cancellation = NEVER_CANCELLED,
  ) {}

  /** As `score`, with a model that cannot answer as the INFERENCE_UNAVAILABLE error. */
  tryScore(texts: readonly string[]): Promise<Result<ScoredTexts, DomainError>> {
    return whileAvailable(() => this.score(texts));
  }

  async score(texts: readonly string[], again = true): Promise<ScoredTexts> {
    const { name: model, version } = await this.model.metadata();
    const key = { model, version };
    const cached = await this.cache.find(key, texts);
    const misses = [...new Set(texts.filter((text) => !cached.has(text)))];
    // A request cancelled while the cache was read sends the model nothing.
    this.cancellation.throwIfCancelled();
    const predicted = misses.length > 0 ? await this.model.predict(misses) : [];
    if (again && predicted.length > 0 && (await this.model.metadata()).version !== version) {
      // The model answered as another version than it described (a remote server that was
      // upgraded, or lists no versions): scores are kept per version, so score again under
      // the version that answers. Once, and only when a version changes.
      return this.score(texts, false);
    }
    const fresh = new Map(misses.map((text, index) => [text, predicted[index] as Sentiment]));
    return { key, scores: new Map([...cached, ...fresh]), fresh };
  }

  store(scored: ScoredTexts, at: Date): Promise<void> {
    return this.cache.store(scored.key, scored.fresh, at);
  }
}
