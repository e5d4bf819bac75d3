import { PredictSentimentHandler } from '#modules/inference/application/commands/predict-sentiment.command.js';
import type { SentimentModel } from '#modules/inference/application/ports/sentiment-model.js';
import { ScoringQuota } from '#modules/inference/application/services/scoring-quota.js';
import { TextScorer } from '#modules/inference/application/services/text-scorer.js';
import { DrizzlePredictionRepository } from '#modules/inference/infrastructure/drizzle-prediction.repository.js';
import { DrizzleScoreCache } from '#modules/inference/infrastructure/drizzle-score-cache.js';
import type { Database } from '#shared/infrastructure/database/database.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { FixedClock } from '../doubles/fixed-clock.js';
import { SequentialIds } from '../doubles/sequential-ids.js';

/** The PredictSentiment use case over `model` and a test database, with a generous quota. */
export function predictSentimentWith(model: SentimentModel, db: Database): PredictSentimentHandler {
  const context = new DatabaseContext(db);
  return new PredictSentimentHandler(
    new TextScorer(model, new DrizzleScoreCache(context)),
    new DrizzlePredictionRepository(context),
    context,
    new SequentialIds(),
    new FixedClock(),
    new ScoringQuota({ scoredTextsPerMinute: 10_000 }, new FixedClock()),
    new OutboxEventPublisher(context, { info: () => {} }),
  );
}
