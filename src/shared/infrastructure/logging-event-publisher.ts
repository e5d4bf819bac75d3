import type { DomainEvent, EventPublisher } from '../application/domain-events.js';
import type { Logger } from './logger.js';

/**
 * Publishes domain events as an audit trail in the log, one JSON line each. A message
 * broker adapter would implement the same port.
 */
export class LoggingEventPublisher implements EventPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.logger.info({ event }, 'domain event');
    }
  }
}
