import { sql } from 'drizzle-orm';
import type { DomainEvent, EventPublisher } from '../../application/domain-events.js';
import type { DatabaseContext } from '../database/database-context.js';
import type { Logger } from '../logger.js';
import { OUTBOX_CHANNEL } from './outbox.js';
import { outboxEventsTable } from './outbox.tables.js';

/**
 * Records domain events in the outbox, in the transaction of the change that caused them:
 * nothing is recorded that was not committed, nothing committed is lost (ADR 30). Refuses
 * to record outside a transaction, where the change would already be committed alone.
 * Each event also goes to the log, one JSON line each, as the audit trail.
 */
export class OutboxEventPublisher implements EventPublisher {
  constructor(
    private readonly context: DatabaseContext,
    private readonly logger: Pick<Logger, 'info'>,
  ) {}

  async publish(events: readonly DomainEvent[], audience: string | null): Promise<void> {
    if (events.length === 0) {
      return;
    }
    if (!this.context.inTransaction()) {
      throw new Error('Domain events are recorded inside the transaction of their change.');
    }
    await this.context.db.insert(outboxEventsTable).values(
      events.map(({ type, at, ...rest }) => ({
        type,
        audience,
        payload: rest,
        occurredAt: at,
      })),
    );
    // Sent at commit, to every process listening (the relays); none if it rolls back.
    await this.context.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    for (const event of events) {
      this.logger.info({ event, audience }, 'domain event');
    }
  }
}
