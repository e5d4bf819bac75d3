import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CompleteTodoHandler,
  CreateTodoHandler,
  DeleteTodoHandler,
  EditTodoHandler,
  TagTodoHandler,
  type TodoView,
} from '#modules/todos/application/index.js';
import { EVENT_PUBLISHER } from '#shared/application/domain-events.js';
import { ID_GENERATOR } from '#shared/application/id-generator.js';
import { RecordingPublisher } from '../../doubles/recording-publisher.js';
import { SequentialIds } from '../../doubles/sequential-ids.js';
import { buildTestContainer, type TestContainer } from '../../support/test-container.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const OWNER = '20000000-0000-4000-8000-000000000001';

describe('todo handlers, with a fixed clock, sequential ids and recorded events', () => {
  let database: TestDatabase;
  let setup: TestContainer;
  let events: RecordingPublisher;
  let todo: TodoView;

  beforeEach(async () => {
    database = await openTestDatabase();
    setup = buildTestContainer(database);
    events = new RecordingPublisher();
    setup.container.rebind(EVENT_PUBLISHER).toConstantValue(events);
    setup.container.rebind(ID_GENERATOR).toConstantValue(new SequentialIds());
    const created = await setup.container
      .get(CreateTodoHandler)
      .execute({ ownerId: OWNER, content: 'Water the plants', tags: ['home'] });
    if (!created.ok) {
      throw new Error('create failed');
    }
    todo = created.value;
  });
  afterEach(async () => {
    await database.close();
  });

  it('CreateTodo stores the todo and publishes TodoCreated', () => {
    expect(todo).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      ownerId: OWNER,
      content: 'Water the plants',
      tags: ['home'],
      completedAt: null,
      createdAt: setup.clock.now(),
      updatedAt: setup.clock.now(),
      version: 1,
    });
    expect(events.published).toEqual([
      { type: 'TodoCreated', todoId: todo.id, ownerId: OWNER, todo, at: setup.clock.now() },
    ]);
  });

  it('CreateTodo with bad input publishes nothing', async () => {
    const result = await setup.container
      .get(CreateTodoHandler)
      .execute({ ownerId: OWNER, content: '', tags: [] });
    expect(result.ok).toBe(false);
    expect(events.types()).toEqual(['TodoCreated']);
  });

  it('EditTodo publishes TodoEdited and a stale edit publishes nothing', async () => {
    setup.clock.advance(1_000);
    const edit = setup.container.get(EditTodoHandler);
    const edited = await edit.execute({
      ownerId: OWNER,
      id: todo.id,
      content: 'Water the ferns',
      expectedVersion: 1,
    });
    expect(edited.ok && edited.value).toMatchObject({ version: 2, updatedAt: setup.clock.now() });
    const stale = await edit.execute({
      ownerId: OWNER,
      id: todo.id,
      content: 'Too late',
      expectedVersion: 1,
    });
    expect(stale.ok ? null : stale.error.code).toBe('VERSION_CONFLICT');
    expect(events.types()).toEqual(['TodoCreated', 'TodoEdited']);
  });

  it('CompleteTodo twice publishes once', async () => {
    const complete = setup.container.get(CompleteTodoHandler);
    await complete.execute({ ownerId: OWNER, id: todo.id });
    await complete.execute({ ownerId: OWNER, id: todo.id });
    expect(events.types()).toEqual(['TodoCreated', 'TodoCompleted']);
  });

  it('TagTodo publishes only the new tags', async () => {
    await setup.container
      .get(TagTodoHandler)
      .execute({ ownerId: OWNER, id: todo.id, tags: ['home', 'garden'] });
    expect(events.published.at(-1)).toMatchObject({ type: 'TodoTagged', tags: ['garden'] });
  });

  it('DeleteTodo publishes TodoDeleted and another owner cannot delete it', async () => {
    const remove = setup.container.get(DeleteTodoHandler);
    const foreign = await remove.execute({
      ownerId: '20000000-0000-4000-8000-000000000002',
      id: todo.id,
    });
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
    const removed = await remove.execute({ ownerId: OWNER, id: todo.id });
    expect(removed.ok && removed.value).toBe(todo.id);
    expect(events.types()).toEqual(['TodoCreated', 'TodoDeleted']);
  });
});
