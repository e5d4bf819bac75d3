import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { checkServedBatch } from '../../domain/texts.js';
import {
  type ModelMetadata,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import { whileAvailable } from '../services/while-available.js';

export interface ScoreTextsQuery {
  /** The model as DescribeModel found it: its batch limit applies. */
  readonly model: Pick<ModelMetadata, 'maxBatchSize'>;
  readonly texts: readonly string[];
}

/**
 * Scores texts for another service (the Open Inference Protocol route): straight to the
 * model, nothing cached or recorded.
 */
@injectable()
export class ScoreTextsHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async execute(query: ScoreTextsQuery): Promise<Result<Sentiment[], DomainError>> {
    const texts = checkServedBatch(query.texts, query.model.maxBatchSize);
    return texts.ok ? whileAvailable(() => this.model.predict(texts.value)) : texts;
  }
}
