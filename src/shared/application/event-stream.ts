import type { DomainError } from '../domain/domain-error.js';
import type { Result } from '../domain/result.js';

/** A recorded domain event as followers see it: where it stands, and what it said. */
export interface StreamedEvent {
  /** Opaque; pass it back as `after` to resume right behind this event. */
  readonly cursor: string;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

/** What a follower may hold unread before it is cut off: a slow reader never grows memory. */
export interface FollowBounds {
  /** Events delivered but not yet taken; one more and `onOverflow` is called. */
  readonly maxBuffered: number;
  /** Called once, when the follower falls too far behind; the stream then ends. */
  readonly onOverflow: () => void;
}

export interface FollowRequest {
  /** The user whose events to follow; null for the events that concern everyone. */
  readonly audience: string | null;
  readonly types: ReadonlySet<string>;
  /** A cursor from an earlier event: the events after it are replayed first, in order. */
  readonly after: string | null;
  readonly bounds: FollowBounds;
}

/** The stable codes `follow` refuses a cursor with. */
export const EventStreamErrorCode = {
  InvalidCursor: 'INVALID_CURSOR',
  CursorExpired: 'CURSOR_EXPIRED',
} as const;

/**
 * Committed domain events, as they happen, to anyone in any replica (ADR 31). `follow`
 * replays what came after a cursor, then goes on with new events, with no gap and no
 * event twice; `watch` calls back with new events only, for the process's own use.
 */
export interface EventStream {
  follow(
    request: FollowRequest,
  ): Promise<Result<AsyncIterableIterator<StreamedEvent>, DomainError>>;
  watch(
    audience: string | null,
    types: ReadonlySet<string>,
    listener: (event: StreamedEvent) => void,
  ): () => void;
}

export const EVENT_STREAM = Symbol('shared.EventStream');

/** `events` with each one turned into what a caller wants; ending it ends `events`. */
export function mapEvents<T>(
  events: AsyncIterableIterator<StreamedEvent>,
  map: (event: StreamedEvent) => T,
): AsyncIterableIterator<T> {
  return {
    async next() {
      const result = await events.next();
      return result.done
        ? { value: undefined, done: true }
        : { value: map(result.value), done: false };
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
