import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowBounds, StreamedEvent } from '#shared/application/event-stream.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { OUTBOX_CHANNEL, Outbox } from '#shared/infrastructure/outbox/outbox.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { OutboxEventStream } from '#shared/infrastructure/outbox/outbox-event-stream.js';
import { OutboxRelay } from '#shared/infrastructure/outbox/outbox-relay.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const ADA = '00000000-0000-4000-8000-00000000000a';
const GRACE = '00000000-0000-4000-8000-00000000000b';
const TYPES = new Set(['Tested']);
const roomy: FollowBounds = { maxBuffered: 10_000, onOverflow: () => {} };

describe('the event stream over the outbox', () => {
  let database: TestDatabase;
  let context: DatabaseContext;
  let publisher: OutboxEventPublisher;
  const cleanups: (() => Promise<void>)[] = [];

  /** A replica's relay and stream; `listen: false` leaves it asleep until woken by hand. */
  const stream = async (options: { listen?: boolean } = {}) => {
    const relay = new OutboxRelay(
      new Outbox(database.db),
      options.listen === false
        ? async () => async () => {}
        : (onNotify) => database.listen(OUTBOX_CHANNEL, onNotify),
      { pollIntervalMs: 60_000 },
      quiet,
    );
    await relay.start();
    cleanups.push(() => relay.stop());
    return { relay, events: new OutboxEventStream(new Outbox(database.db), relay) };
  };
  const record = (audience: string | null, ...numbers: number[]) =>
    context.run(() =>
      publisher.publish(
        numbers.map((n) => ({ type: 'Tested', n, at: new Date() })),
        audience,
      ),
    );
  /** Takes `count` events from a follower, failing if they do not come within a second. */
  const take = async (events: AsyncIterableIterator<StreamedEvent>, count: number) => {
    const taken: StreamedEvent[] = [];
    while (taken.length < count) {
      const next = await Promise.race([
        events.next(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`only ${taken.length} of ${count} came`)), 1_000),
        ),
      ]);
      if (next.done) {
        break;
      }
      taken.push(next.value);
    }
    return taken;
  };
  const numbers = (events: readonly StreamedEvent[]) => events.map((event) => event.payload.n);
  const follow = async (
    events: OutboxEventStream,
    after: string | null,
    audience: string | null = ADA,
    bounds = roomy,
  ) => {
    const followed = await events.follow({ audience, types: TYPES, after, bounds });
    if (!followed.ok) {
      throw new Error(followed.error.code);
    }
    cleanups.push(async () => {
      await followed.value.return?.();
    });
    return followed.value;
  };

  beforeEach(async () => {
    database = await openTestDatabase();
    context = new DatabaseContext(database.db);
    publisher = new OutboxEventPublisher(context, quiet);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
    await database.close();
  });

  it("follows one audience's events of the asked types, from now on", async () => {
    const { events, relay } = await stream();
    await record(ADA, 1);
    await relay.wake();
    const adas = await follow(events, null);
    await record(GRACE, 2);
    await record(null, 3);
    await context.run(() => publisher.publish([{ type: 'Other', at: new Date() }], ADA));
    await record(ADA, 4, 5);
    expect(numbers(await take(adas, 2))).toEqual([4, 5]);
  });

  it('replays the events after a cursor, then goes on live, with writes during the replay', async () => {
    const { events } = await stream();
    const first = await follow(events, null);
    await record(ADA, 1, 2);
    const [one] = await take(first, 1);
    // Events recorded before the follower joins and while it replays: none lost, none twice.
    await record(ADA, 3, 4);
    const resumed = await follow(events, one?.cursor ?? null);
    const writing = (async () => {
      for (let n = 5; n <= 20; n += 1) {
        await record(ADA, n);
      }
    })();
    const taken = await take(resumed, 19);
    await writing;
    expect(numbers(taken)).toEqual(Array.from({ length: 19 }, (_, index) => index + 2));
  });

  it('gives nothing twice when its relay is behind the cursor another replica handed out', async () => {
    const ahead = await stream();
    const behind = await stream({ listen: false });
    const watcher = await follow(ahead.events, null);
    await record(ADA, 1, 2, 3);
    const seen = await take(watcher, 3);
    // A client resumes on the lagging replica with the cursor of event 2.
    const resumed = await follow(behind.events, seen[1]?.cursor ?? null);
    await behind.relay.wake();
    await record(ADA, 4);
    await behind.relay.wake();
    expect(numbers(await take(resumed, 2))).toEqual([3, 4]);
  });

  it('refuses a cursor that is not one, and one whose events were purged', async () => {
    const { events } = await stream();
    await record(GRACE, 0);
    // Not cursors, and one of the right form that names no event there is.
    for (const after of ['', 'not-a-cursor', Buffer.from('1:99999').toString('base64url')]) {
      const followed = await events.follow({ audience: ADA, types: TYPES, after, bounds: roomy });
      expect(followed.ok ? null : followed.error).toMatchObject({
        code: 'INVALID_CURSOR',
        field: 'after',
      });
    }
    const watcher = await follow(events, null);
    await record(ADA, 1);
    const [first] = await take(watcher, 1);
    await new Outbox(database.db).purgeBefore(new Date(Date.now() + 60_000));
    const followed = await events.follow({
      audience: ADA,
      types: TYPES,
      after: first?.cursor ?? '',
      bounds: roomy,
    });
    expect(followed.ok ? null : followed.error).toMatchObject({
      code: 'CURSOR_EXPIRED',
      field: 'after',
    });
  });

  it('cuts off a follower that holds more than its bound, once, and no one else', async () => {
    const { events } = await stream();
    let overflows = 0;
    const slow = await follow(events, null, ADA, {
      maxBuffered: 5,
      onOverflow: () => {
        overflows += 1;
      },
    });
    const other = await follow(events, null);
    await record(ADA, 1, 2, 3, 4, 5, 6, 7, 8);
    expect(numbers(await take(other, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(overflows).toBe(1);
    // What it held is dropped with it: the stream ends.
    await expect(slow.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('forgets a follower that ends, whether or not it ever read', async () => {
    const { events } = await stream();
    const never = await follow(events, null);
    await never.return?.();
    const reading = await follow(events, null);
    await record(ADA, 1);
    expect(numbers(await take(reading, 1))).toEqual([1]);
    await expect(never.next()).resolves.toEqual({ value: undefined, done: true });
  });
});
