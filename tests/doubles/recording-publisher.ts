import type { DomainEvent, EventPublisher } from '#shared/application/domain-events.js';

/** Keeps what was published, in order, and for whom. */
export class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  readonly audiences: (string | null)[] = [];

  async publish(events: readonly DomainEvent[], audience: string | null): Promise<void> {
    this.published.push(...events);
    this.audiences.push(...events.map(() => audience));
  }

  types(): string[] {
    return this.published.map((event) => event.type);
  }
}
