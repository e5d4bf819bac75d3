import { and, asc, desc, lt, sql } from 'drizzle-orm';
import type { Database } from '../database/database.js';
import { outboxEventsTable as events } from './outbox.tables.js';

/** The notification channel a commit that recorded events signals on. */
export const OUTBOX_CHANNEL = 'outbox_events';

/** Only events of transactions older than every transaction still running (ADR 30). */
const settled = sql`${events.transactionId} < pg_snapshot_xmin(pg_current_snapshot())`;

/** Where a reader stands in the outbox: the last event it took, in reading order. */
export interface OutboxCursor {
  readonly transactionId: string;
  readonly position: number;
}

export interface OutboxEvent {
  readonly cursor: OutboxCursor;
  readonly type: string;
  /** The user the event concerns; null for everyone. */
  readonly audience: string | null;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
}

/**
 * Reading and trimming the outbox (ADR 30). Events are read in (transaction id, position)
 * order, and only those of transactions older than every transaction still running: a
 * transaction that recorded an event first but commits last can never be passed over by a
 * reader that already took a later one.
 */
export class Outbox {
  constructor(private readonly db: Database) {}

  async readAfter(cursor: OutboxCursor | null, limit: number): Promise<OutboxEvent[]> {
    const rows = await this.db
      .select({
        position: events.position,
        transactionId: sql<string>`${events.transactionId}::text`,
        type: events.type,
        audience: events.audience,
        payload: events.payload,
        occurredAt: events.occurredAt,
      })
      .from(events)
      .where(
        and(
          settled,
          cursor
            ? sql`(${events.transactionId}, ${events.position}) > (${cursor.transactionId}::xid8, ${cursor.position})`
            : undefined,
        ),
      )
      .orderBy(asc(events.transactionId), asc(events.position))
      .limit(limit);
    return rows.map((row) => ({
      cursor: { transactionId: row.transactionId, position: row.position },
      type: row.type,
      audience: row.audience,
      payload: row.payload as Record<string, unknown>,
      occurredAt: row.occurredAt,
    }));
  }

  /** The last settled event's place: reading after it gives only events to come. */
  async head(): Promise<OutboxCursor | null> {
    const [last] = await this.db
      .select({
        position: events.position,
        transactionId: sql<string>`${events.transactionId}::text`,
      })
      .from(events)
      .where(settled)
      .orderBy(desc(events.transactionId), desc(events.position))
      .limit(1);
    return last ?? null;
  }

  /** Removes events recorded before `before`; how many. */
  async purgeBefore(before: Date): Promise<number> {
    const removed = await this.db
      .delete(events)
      .where(lt(events.recordedAt, before))
      .returning({ position: events.position });
    return removed.length;
  }
}
