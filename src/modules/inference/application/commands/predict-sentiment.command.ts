import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '../../../../shared/application/clock.js';
import { ID_GENERATOR, type IdGenerator } from '../../../../shared/application/id-generator.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '../../../../shared/application/transaction-runner.js';
import type { DomainError } from '../../../../shared/domain/domain-error.js';
import { err, ok, type Result } from '../../../../shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { checkTexts } from '../../domain/texts.js';
import {
  PREDICTION_REPOSITORY,
  type PredictionRepository,
} from '../ports/prediction.repository.js';
import { SCORE_CACHE, type ScoreCache } from '../ports/score-cache.js';
import {
  ModelUnavailableError,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import type { PredictionView } from '../queries/prediction.view.js';

export interface PredictSentimentCommand {
  readonly userId: string;
  readonly texts: readonly string[];
  /** The input field the texts came from, for error fields: `text` or `texts`. */
  readonly field: 'text' | 'texts';
}

/**
 * Scores texts for a user and records each as a prediction. A text already scored by the
 * same model version is not scored again, for anyone: cached scores are read in one query
 * and all misses go to the model in one call.
 */
@injectable()
export class PredictSentimentHandler {
  constructor(
    @inject(SENTIMENT_MODEL) private readonly model: SentimentModel,
    @inject(SCORE_CACHE) private readonly cache: ScoreCache,
    @inject(PREDICTION_REPOSITORY) private readonly predictions: PredictionRepository,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    command: PredictSentimentCommand,
  ): Promise<Result<PredictionView[], DomainError[]>> {
    const texts = checkTexts(command.texts, command.field);
    if (!texts.ok) {
      return texts;
    }
    const { name: model, version } = this.model.metadata();
    const key = { model, version };
    const cached = await this.cache.find(key, texts.value);
    const misses = [...new Set(texts.value.filter((text) => !cached.has(text)))];
    let fresh: Map<string, Sentiment>;
    try {
      fresh = await this.score(misses);
    } catch (error) {
      if (error instanceof ModelUnavailableError) {
        return err([inferenceError(InferenceErrorCode.InferenceUnavailable, error.message)]);
      }
      throw error;
    }
    const at = this.clock.now();
    const views = texts.value.map((text) => ({
      id: this.ids.newId(),
      text,
      sentiment: (cached.get(text) ?? fresh.get(text)) as Sentiment,
      model,
      modelVersion: version,
      createdAt: at,
    }));
    await this.transaction.run(async () => {
      await this.cache.store(key, fresh, at);
      await this.predictions.addMany(
        key,
        views.map(({ id, text }) => ({ id, userId: command.userId, text, createdAt: at })),
      );
    });
    return ok(views);
  }

  private async score(texts: string[]): Promise<Map<string, Sentiment>> {
    if (texts.length === 0) {
      return new Map();
    }
    const scores = await this.model.predict(texts);
    return new Map(texts.map((text, index) => [text, scores[index] as Sentiment]));
  }
}
