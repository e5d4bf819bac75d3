/** Something that happened in a module, named in the past tense (`TodoCompleted`). */
export interface DomainEvent {
  readonly type: string;
  readonly at: Date;
}

/** Where handlers publish events once their change is committed. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('shared.EventPublisher');
