import { index, pgSchema, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Sentiment, SentimentLabel } from '../domain/sentiment.js';

export const inferenceSchema = pgSchema('inference');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Scores by (model, version, hash of the text): a text is scored once per model version. */
export const sentimentScoresTable = inferenceSchema.table(
  'sentiment_scores',
  {
    model: text('model').notNull(),
    modelVersion: text('model_version').notNull(),
    textHash: text('text_hash').notNull(),
    label: text('label').notNull(),
    score: real('score').notNull(),
    positive: real('positive').notNull(),
    negative: real('negative').notNull(),
    neutral: real('neutral').notNull(),
    compound: real('compound').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.model, table.modelVersion, table.textHash] })],
);

/** One row per text a user asked about, pointing at its (shared) score. */
export const predictionsTable = inferenceSchema.table(
  'predictions',
  {
    id: uuid('id').primaryKey(),
    // The user lives in the identity module: referenced by id, not by foreign key.
    userId: uuid('user_id').notNull(),
    text: text('text').notNull(),
    model: text('model').notNull(),
    modelVersion: text('model_version').notNull(),
    textHash: text('text_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (table) => [index('predictions_user_created').on(table.userId, table.createdAt, table.id)],
);

type ScoreColumns = Pick<
  typeof sentimentScoresTable.$inferSelect,
  'label' | 'score' | 'positive' | 'negative' | 'neutral' | 'compound'
>;

export const toSentiment = (row: ScoreColumns): Sentiment => ({
  label: row.label as SentimentLabel,
  score: row.score,
  positive: row.positive,
  negative: row.negative,
  neutral: row.neutral,
  compound: row.compound,
});
