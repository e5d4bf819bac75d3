import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { TextScorer } from '../services/text-scorer.js';

export interface SentimentOfTextsQuery {
  readonly texts: readonly string[];
}

/**
 * The sentiment of texts that are already stored elsewhere (a todo's content): no
 * prediction is recorded, but new scores fill the shared cache so the next read is free.
 */
@injectable()
export class SentimentOfTextsHandler {
  constructor(
    @inject(TextScorer) private readonly scorer: TextScorer,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    texts,
  }: SentimentOfTextsQuery): Promise<Result<ReadonlyMap<string, Sentiment>, DomainError>> {
    if (texts.length === 0) {
      return ok(new Map());
    }
    const scored = await this.scorer.tryScore(texts);
    if (!scored.ok) {
      return scored;
    }
    await this.scorer.store(scored.value, this.clock.now());
    return ok(scored.value.scores);
  }
}
