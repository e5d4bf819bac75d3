/** Something that happened in a module, named in the past tense (`TodoCompleted`). */
export interface DomainEvent {
  readonly type: string;
  readonly at: Date;
}

/**
 * Where handlers record the events of a change: inside the transaction that makes the
 * change (TransactionRunner.run), so an event exists exactly when its change was committed
 * (the transactional outbox, ADR 30). `audience` is the user the events concern, the only
 * one who may see them; null for events that concern everyone.
 */
export interface EventPublisher {
  publish(events: readonly DomainEvent[], audience: string | null): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('shared.EventPublisher');
