import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database/database.js';
import { outboxEventsTable as events } from './outbox.tables.js';

/** The notification channel a commit that recorded events signals on. */
export const OUTBOX_CHANNEL = 'outbox_events';

/** Only events of transactions older than every transaction still running (ADR 30). */
const settled = sql`${events.transactionId} < pg_snapshot_xmin(pg_current_snapshot())`;

/** The events after `cursor` in reading order. */
const after = (cursor: OutboxCursor) =>
  sql`(${events.transactionId}, ${events.position}) > (${cursor.transactionId}::xid8, ${cursor.position})`;

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
    return this.read(and(settled, cursor ? after(cursor) : undefined), limit);
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

  /**
   * One audience's events of `types` after `after` up to `upTo` (both in reading order),
   * at most `limit`: the replay of what a follower missed. Events up to a relay's cursor
   * are settled already.
   */
  async readFor(
    audience: string | null,
    types: readonly string[],
    from: OutboxCursor,
    upTo: OutboxCursor,
    limit: number,
  ): Promise<OutboxEvent[]> {
    return this.read(
      and(
        audience === null ? isNull(events.audience) : eq(events.audience, audience),
        inArray(events.type, [...types]),
        after(from),
        sql`(${events.transactionId}, ${events.position}) <= (${upTo.transactionId}::xid8, ${upTo.position})`,
      ),
      limit,
    );
  }

  private async read(where: SQL | undefined, limit: number): Promise<OutboxEvent[]> {
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
      .where(where)
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

  /**
   * Whether the event a cursor names is still kept (`kept`), was purged (`purged`: older
   * than the oldest kept, or the outbox is empty), or never existed (`unknown`).
   */
  async locate(cursor: OutboxCursor): Promise<'kept' | 'purged' | 'unknown'> {
    const [found] = await this.db
      .select({ position: events.position })
      .from(events)
      .where(
        and(
          eq(events.position, cursor.position),
          sql`${events.transactionId} = ${cursor.transactionId}::xid8`,
        ),
      )
      .limit(1);
    if (found) {
      return 'kept';
    }
    const [first] = await this.db
      .select({ position: events.position })
      .from(events)
      .orderBy(asc(events.position))
      .limit(1);
    const oldest = first?.position ?? null;
    return oldest === null || cursor.position < oldest ? 'purged' : 'unknown';
  }

  /**
   * Removes the events recorded before `before`, and with them every event before those in
   * reading order: what is kept is always a suffix, so a kept cursor replays without a gap.
   * Resolves to how many were removed.
   */
  async purgeBefore(before: Date): Promise<number> {
    const [last] = await this.db
      .select({
        position: events.position,
        transactionId: sql<string>`${events.transactionId}::text`,
      })
      .from(events)
      .where(lt(events.recordedAt, before))
      .orderBy(desc(events.transactionId), desc(events.position))
      .limit(1);
    if (!last) {
      return 0;
    }
    const removed = await this.db
      .delete(events)
      .where(
        sql`(${events.transactionId}, ${events.position}) <= (${last.transactionId}::xid8, ${last.position})`,
      )
      .returning({ position: events.position });
    return removed.length;
  }
}
