import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateTodoHandler } from '#modules/todos/application/commands/create-todo.command.js';
import { DeleteTodoHandler } from '#modules/todos/application/commands/delete-todo.command.js';
import { DrizzleTodoRepository } from '#modules/todos/infrastructure/drizzle-todo.repository.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { Outbox } from '#shared/infrastructure/outbox/outbox.js';
import { outboxEventsTable } from '#shared/infrastructure/outbox/outbox.tables.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { FixedClock } from '../../doubles/fixed-clock.js';
import { SequentialIds } from '../../doubles/sequential-ids.js';
import {
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../../support/test-database.js';

const OWNER = '40000000-0000-4000-8000-000000000001';
const event = (n: number) => ({ type: 'Tested', n, at: new Date(`2026-01-0${n}T00:00:00Z`) });

describe('the transactional outbox', () => {
  let database: TestDatabase;
  let context: DatabaseContext;
  let publisher: OutboxEventPublisher;
  let outbox: Outbox;

  beforeEach(async () => {
    database = await openTestDatabase();
    context = new DatabaseContext(database.db);
    publisher = new OutboxEventPublisher(context, { info: () => {} });
    outbox = new Outbox(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  const recorded = async () =>
    (await database.db.select({ n: count() }).from(outboxEventsTable))[0]?.n ?? 0;

  it('records a change and its events in one transaction, in order, for their audience', async () => {
    const clock = new FixedClock();
    const repository = new DrizzleTodoRepository(context);
    const create = new CreateTodoHandler(
      repository,
      new SequentialIds(),
      clock,
      publisher,
      context,
    );
    const created = await create.execute({ ownerId: OWNER, content: 'Write the outbox', tags: [] });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    await new DeleteTodoHandler(repository, publisher, clock, context).execute({
      ownerId: OWNER,
      id,
    });
    const events = await outbox.readAfter(null, 10);
    expect(events.map(({ type, audience, payload }) => ({ type, audience, payload }))).toEqual([
      {
        type: 'TodoCreated',
        audience: OWNER,
        // The todo's state travels with the event, dates as JSON has them.
        payload: {
          todoId: id,
          ownerId: OWNER,
          todo: {
            id,
            ownerId: OWNER,
            content: 'Write the outbox',
            tags: [],
            completedAt: null,
            createdAt: clock.now().toISOString(),
            updatedAt: clock.now().toISOString(),
            version: 1,
          },
        },
      },
      { type: 'TodoDeleted', audience: OWNER, payload: { todoId: id } },
    ]);
    expect(events[0]?.occurredAt).toEqual(clock.now());
    // Resuming after the first gives the second alone.
    const rest = await outbox.readAfter(events[0]?.cursor ?? null, 10);
    expect(rest.map((e) => e.type)).toEqual(['TodoDeleted']);
  });

  it('records nothing when the transaction fails after the events were written', async () => {
    await expect(
      context.run(async () => {
        await publisher.publish([event(1)], null);
        throw new Error('the change failed after all');
      }),
    ).rejects.toThrow('the change failed');
    expect(await recorded()).toBe(0);
  });

  it('refuses to record outside a transaction, where the change would be committed alone', async () => {
    await expect(publisher.publish([event(1)], null)).rejects.toThrow(/inside the transaction/);
    expect(await recorded()).toBe(0);
  });

  it('purges events recorded before the retention boundary', async () => {
    await context.run(() => publisher.publish([event(1), event(2)], OWNER));
    expect(await outbox.purgeBefore(new Date(Date.now() - 60_000))).toBe(0);
    expect(await outbox.purgeBefore(new Date(Date.now() + 60_000))).toBe(2);
    expect(await recorded()).toBe(0);
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'never passes over an event whose transaction recorded it first but commits last',
    async () => {
      let commitFirst!: () => void;
      const held = new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
      let firstRecorded!: () => void;
      const recordedFirst = new Promise<void>((resolve) => {
        firstRecorded = resolve;
      });
      // A records first (the smaller position) and stays open; B records after it and commits.
      const first = context.run(async () => {
        await publisher.publish([event(1)], null);
        firstRecorded();
        await held;
      });
      await recordedFirst;
      await context.run(() => publisher.publish([event(2)], null));
      // B is committed, but A, older, still runs: nothing is handed out yet.
      expect(await outbox.readAfter(null, 10)).toEqual([]);
      commitFirst();
      await first;
      const events = await outbox.readAfter(null, 10);
      expect(events.map((e) => e.payload.n)).toEqual([1, 2]);
    },
  );

  it('takes two transactions recording at once', async () => {
    await Promise.all([
      context.run(() => publisher.publish([event(1)], OWNER)),
      context.run(() => publisher.publish([event(2)], OWNER)),
    ]);
    const events = await outbox.readAfter(null, 10);
    expect(events.map((e) => e.payload.n).sort()).toEqual([1, 2]);
  });
});
