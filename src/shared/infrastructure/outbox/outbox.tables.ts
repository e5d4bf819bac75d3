import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const outboxSchema = pgSchema('outbox');

/** PostgreSQL's 64-bit transaction id; read as text (it may pass 2^53). */
const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

/**
 * Every domain event, written in the transaction of the change that caused it (ADR 30).
 * Readers take events in (transaction_id, position) order, and only those of transactions
 * older than every transaction still running: an event committed late with a smaller
 * position is never skipped.
 */
export const outboxEventsTable = outboxSchema.table(
  'events',
  {
    position: bigint('position', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: xid8('transaction_id').notNull().default(sql`pg_current_xact_id()`),
    type: text('type').notNull(),
    /** The user the event concerns; null for events that concern everyone. */
    audience: uuid('audience'),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    index('events_order').on(table.transactionId, table.position),
    index('events_recorded_at').on(table.recordedAt),
    // A follower's replay: one audience's events after a cursor, in reading order.
    index('events_audience_order').on(table.audience, table.transactionId, table.position),
  ],
);
