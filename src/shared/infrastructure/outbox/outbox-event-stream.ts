import {
  type EventStream,
  EventStreamErrorCode,
  type FollowBounds,
  type FollowRequest,
  type StreamedEvent,
} from '../../application/event-stream.js';
import { DomainError } from '../../domain/domain-error.js';
import { err, ok, type Result } from '../../domain/result.js';
import { compareCursors, decodeEventCursor, encodeEventCursor } from './event-cursor.js';
import type { Outbox, OutboxCursor, OutboxEvent } from './outbox.js';
import type { OutboxRelay } from './outbox-relay.js';

interface Follower {
  readonly types: ReadonlySet<string>;
  take(event: OutboxEvent, streamed: () => StreamedEvent): void;
}

const invalidCursor = () =>
  new DomainError(
    EventStreamErrorCode.InvalidCursor,
    'This is not a cursor of this stream: pass the `cursor` of an event you received.',
    'after',
  );

const cursorExpired = () =>
  new DomainError(
    EventStreamErrorCode.CursorExpired,
    'The events after this cursor are no longer kept: load the current state again and follow without `after`.',
    'after',
  );

function toStreamed(event: OutboxEvent): StreamedEvent {
  return {
    cursor: encodeEventCursor(event.cursor),
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt,
  };
}

/**
 * The outbox as an event stream (ADR 31): the process's relay hands every new event to the
 * followers of its audience; a follower that resumes reads the events it missed from the
 * outbox first, up to where the relay stood when it joined, then takes the relay's.
 */
export class OutboxEventStream implements EventStream {
  private readonly audiences = new Map<string | null, Set<Follower>>();

  constructor(
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly replayBatch = 200,
  ) {
    relay.subscribe((event) => this.dispatch(event));
  }

  async follow(
    request: FollowRequest,
  ): Promise<Result<AsyncIterableIterator<StreamedEvent>, DomainError>> {
    let after: OutboxCursor | null = null;
    if (request.after !== null) {
      after = decodeEventCursor(request.after);
      if (!after) {
        return err(invalidCursor());
      }
      const found = await this.outbox.locate(after);
      if (found !== 'kept') {
        return err(found === 'purged' ? cursorExpired() : invalidCursor());
      }
    }
    // Joining and reading the relay's place happen together: every event after that place
    // comes live, every one up to it from the replay.
    const feed = new FollowerFeed(
      request,
      after,
      this.relay.position,
      (from, upTo) =>
        this.outbox.readFor(request.audience, [...request.types], from, upTo, this.replayBatch),
      () => this.leave(request.audience, feed),
    );
    this.join(request.audience, feed);
    return ok(feed);
  }

  watch(
    audience: string | null,
    types: ReadonlySet<string>,
    listener: (event: StreamedEvent) => void,
  ): () => void {
    const follower: Follower = {
      types,
      take: (_event, streamed) => listener(streamed()),
    };
    this.join(audience, follower);
    return () => this.leave(audience, follower);
  }

  private join(audience: string | null, follower: Follower): void {
    let followers = this.audiences.get(audience);
    if (!followers) {
      followers = new Set();
      this.audiences.set(audience, followers);
    }
    followers.add(follower);
  }

  private leave(audience: string | null, follower: Follower): void {
    const followers = this.audiences.get(audience);
    if (followers?.delete(follower) && followers.size === 0) {
      this.audiences.delete(audience);
    }
  }

  private dispatch(event: OutboxEvent): void {
    const followers = this.audiences.get(event.audience);
    if (!followers) {
      return;
    }
    let streamed: StreamedEvent | null = null;
    const once = () => {
      streamed ??= toStreamed(event);
      return streamed;
    };
    for (const follower of followers) {
      if (follower.types.has(event.type)) {
        follower.take(event, once);
      }
    }
  }
}

type ReadBatch = (after: OutboxCursor, upTo: OutboxCursor) => Promise<OutboxEvent[]>;

/** One follower: the replay, pulled a batch at a time, then its bounded queue of live events. */
class FollowerFeed implements Follower, AsyncIterableIterator<StreamedEvent> {
  readonly types: ReadonlySet<string>;
  private readonly bounds: FollowBounds;
  private replayFrom: OutboxCursor | null;
  private replayed: OutboxEvent[] = [];
  private readonly live: StreamedEvent[] = [];
  private waiting: ((result: IteratorResult<StreamedEvent>) => void) | null = null;
  private done = false;

  constructor(
    request: FollowRequest,
    private readonly after: OutboxCursor | null,
    private readonly upTo: OutboxCursor | null,
    private readonly read: ReadBatch,
    private readonly onEnd: () => void,
  ) {
    this.types = request.types;
    this.bounds = request.bounds;
    this.replayFrom = after && upTo && compareCursors(after, upTo) < 0 ? after : null;
  }

  take(event: OutboxEvent, streamed: () => StreamedEvent): void {
    // Another replica may have handed out events this one's relay has yet to read.
    if (this.done || (this.after && compareCursors(event.cursor, this.after) <= 0)) {
      return;
    }
    if (this.waiting && this.replayFrom === null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: streamed(), done: false });
      return;
    }
    if (this.live.length >= this.bounds.maxBuffered) {
      this.end();
      this.bounds.onOverflow();
      return;
    }
    this.live.push(streamed());
  }

  async next(): Promise<IteratorResult<StreamedEvent>> {
    if (this.done) {
      return { value: undefined, done: true };
    }
    if (this.replayFrom !== null && this.upTo !== null) {
      if (this.replayed.length === 0) {
        try {
          this.replayed = await this.read(this.replayFrom, this.upTo);
        } catch (error) {
          this.end();
          throw error;
        }
        if (this.done) {
          return { value: undefined, done: true };
        }
      }
      const event = this.replayed.shift();
      if (event) {
        this.replayFrom = event.cursor;
        return { value: toStreamed(event), done: false };
      }
      this.replayFrom = null;
    }
    const event = this.live.shift();
    if (event) {
      return { value: event, done: false };
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<StreamedEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.done) {
      return;
    }
    this.done = true;
    this.live.length = 0;
    this.replayed = [];
    this.onEnd();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
  }
}
