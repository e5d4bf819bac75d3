import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import { ID_GENERATOR, type IdGenerator } from '#shared/application/id-generator.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { ScoringThrottled } from '../../domain/inference.errors.js';
import type { PredictionsRecorded } from '../../domain/inference.events.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { checkTexts } from '../../domain/texts.js';
import {
  PREDICTION_REPOSITORY,
  type PredictionRepository,
} from '../ports/prediction.repository.js';
import type { PredictionView } from '../queries/prediction.view.js';
import { ScoringQuota } from '../services/scoring-quota.js';
import { TextScorer } from '../services/text-scorer.js';

export interface PredictSentimentCommand {
  readonly userId: string;
  readonly texts: readonly string[];
  /** The input field the texts came from, for error fields: `text` or `texts`. */
  readonly field: 'text' | 'texts';
}

/**
 * Scores texts for a user and records each as a prediction. A text already scored by the
 * same model version is not scored again, for anyone: cached scores are read in one query
 * and all misses go to the model in one call. Each text counts against the user's rate of
 * scored texts (RATE_LIMITED with retryAfterSeconds once it is spent).
 */
@injectable()
export class PredictSentimentHandler {
  constructor(
    @inject(TextScorer) private readonly scorer: TextScorer,
    @inject(PREDICTION_REPOSITORY) private readonly predictions: PredictionRepository,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(ScoringQuota) private readonly quota: ScoringQuota,
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
  ) {}

  async execute(
    command: PredictSentimentCommand,
  ): Promise<Result<PredictionView[], DomainError[]>> {
    const texts = checkTexts(command.texts, command.field);
    if (!texts.ok) {
      return texts;
    }
    const share = this.quota.take(command.userId, texts.value.length);
    if (!share.granted) {
      return err([new ScoringThrottled(share.retryAfterSeconds)]);
    }
    const attempt = await this.scorer.tryScore(texts.value);
    if (!attempt.ok) {
      return err([attempt.error]);
    }
    const scored = attempt.value;
    const { model, version } = scored.key;
    const at = this.clock.now();
    const views = texts.value.map((text) => ({
      id: this.ids.newId(),
      text,
      sentiment: scored.scores.get(text) as Sentiment,
      model,
      modelVersion: version,
      createdAt: at,
    }));
    await this.transaction.run(async () => {
      await this.scorer.store(scored, at);
      await this.predictions.addMany(
        scored.key,
        views.map(({ id, text }) => ({ id, userId: command.userId, text, createdAt: at })),
      );
      const recorded: PredictionsRecorded = {
        type: 'PredictionsRecorded',
        predictionIds: views.map((view) => view.id),
        at,
      };
      await this.events.publish([recorded], command.userId);
    });
    return ok(views);
  }
}
