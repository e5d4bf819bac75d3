import type { DomainEvent, EventPublisher } from '#shared/application/domain-events.js';

/** Keeps what was published, in order. */
export class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];

  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.published.push(...events);
  }

  types(): string[] {
    return this.published.map((event) => event.type);
  }
}
