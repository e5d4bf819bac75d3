import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '../../../../shared/application/clock.js';
import type { DomainError } from '../../../../shared/domain/domain-error.js';
import { err, ok, type Result } from '../../../../shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { ModelUnavailableError } from '../ports/sentiment-model.js';
import { TextScorer } from '../services/text-scorer.js';

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

  async execute(
    texts: readonly string[],
  ): Promise<Result<ReadonlyMap<string, Sentiment>, DomainError>> {
    if (texts.length === 0) {
      return ok(new Map());
    }
    try {
      const scored = await this.scorer.score(texts);
      await this.scorer.store(scored, this.clock.now());
      return ok(scored.scores);
    } catch (error) {
      if (error instanceof ModelUnavailableError) {
        return err(inferenceError(InferenceErrorCode.InferenceUnavailable, error.message));
      }
      throw error;
    }
  }
}
