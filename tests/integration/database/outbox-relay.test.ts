import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#shared/infrastructure/database/database.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { OUTBOX_CHANNEL, Outbox, type OutboxEvent } from '#shared/infrastructure/outbox/outbox.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { OutboxRelay } from '#shared/infrastructure/outbox/outbox-relay.js';
import {
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../../support/test-database.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const event = (n: number) => ({ type: 'Tested', n, at: new Date() });

/** A replica's view of the database: its own handle, writer and relay. */
interface Replica {
  readonly publisher: OutboxEventPublisher;
  readonly context: DatabaseContext;
  readonly relay: OutboxRelay;
  readonly received: OutboxEvent[];
}

describe('the outbox relay', () => {
  let database: TestDatabase;
  const cleanups: (() => Promise<void>)[] = [];

  const replica = async (
    handle: DatabaseHandle,
    options: { pollIntervalMs?: number; listen?: boolean } = {},
  ): Promise<Replica> => {
    const context = new DatabaseContext(handle.db);
    const relay = new OutboxRelay(
      new Outbox(handle.db),
      // A replica that never hears a notification, as after a lost connection.
      options.listen === false
        ? async () => async () => {}
        : (onNotify) => handle.listen(OUTBOX_CHANNEL, onNotify),
      { pollIntervalMs: options.pollIntervalMs ?? 60_000 },
      quiet,
    );
    await relay.start();
    cleanups.push(() => relay.stop());
    const received: OutboxEvent[] = [];
    relay.subscribe((relayed) => received.push(relayed));
    return { publisher: new OutboxEventPublisher(context, quiet), context, relay, received };
  };
  const record = (from: Replica, ...numbers: number[]) =>
    from.context.run(() => from.publisher.publish(numbers.map(event), null));
  const numbers = (of: Replica) => of.received.map((relayed) => relayed.payload.n);

  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
    await database.close();
  });

  it('hands its subscribers each new event once, in order, woken by the commit', async () => {
    const one = await replica(database);
    await record(one, 1);
    await record(one, 2, 3);
    await expect.poll(() => numbers(one), { timeout: 1_000 }).toEqual([1, 2, 3]);
  });

  it('starts after the events already recorded', async () => {
    const writer = await replica(database);
    await record(writer, 1);
    const late = await replica(database);
    await record(writer, 2);
    await expect.poll(() => numbers(late), { timeout: 1_000 }).toEqual([2]);
  });

  it('delivers without a notification, on its timer: a lost one only delays', async () => {
    const writer = await replica(database);
    const deaf = await replica(database, { listen: false, pollIntervalMs: 200 });
    await record(writer, 1);
    await expect.poll(() => numbers(deaf), { timeout: 2_000 }).toEqual([1]);
  });

  it('takes two writers at once without losing or repeating events', async () => {
    const one = await replica(database);
    await Promise.all(Array.from({ length: 10 }, (_, n) => record(one, n)));
    await expect
      .poll(() => [...numbers(one)].sort((a, b) => Number(a) - Number(b)), { timeout: 2_000 })
      .toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'reaches a replica with its own connections within a second',
    async () => {
      const other = openPostgresDatabase({ url: database.url ?? '', poolMax: 2 });
      cleanups.push(() => other.close());
      const a = await replica(database);
      const b = await replica(other);
      const started = Date.now();
      await record(a, 1);
      await expect.poll(() => numbers(b), { timeout: 1_000 }).toEqual([1]);
      expect(Date.now() - started).toBeLessThan(1_000);
      await record(b, 2);
      await expect.poll(() => numbers(a), { timeout: 1_000 }).toEqual([1, 2]);
    },
  );
});
