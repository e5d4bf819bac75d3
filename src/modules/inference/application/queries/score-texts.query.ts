import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { BATCH_MAX, TEXT_MAX } from '../../domain/texts.js';
import {
  type ModelMetadata,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import { whileAvailable } from '../services/model-availability.js';

export interface ScoreTextsQuery {
  /** The model as DescribeModel found it: its batch limit applies. */
  readonly model: Pick<ModelMetadata, 'maxBatchSize'>;
  readonly texts: readonly string[];
}

/**
 * Scores texts for another service (the Open Inference Protocol route): straight to the
 * model, nothing cached or recorded, texts of any content the model accepts.
 */
@injectable()
export class ScoreTextsHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async execute(query: ScoreTextsQuery): Promise<Result<Sentiment[], DomainError>> {
    const { texts } = query;
    const limit = Math.min(query.model.maxBatchSize, BATCH_MAX);
    if (texts.length < 1 || texts.length > limit) {
      return err(inferenceError(InferenceErrorCode.InvalidBatch, `Send 1 to ${limit} texts.`));
    }
    const tooLong = texts.findIndex((text) => [...text].length > TEXT_MAX);
    if (tooLong >= 0) {
      return err(
        inferenceError(
          InferenceErrorCode.InvalidText,
          `Text ${tooLong} is longer than ${TEXT_MAX} characters.`,
          `texts.${tooLong}`,
        ),
      );
    }
    return whileAvailable(() => this.model.predict(texts));
  }
}
