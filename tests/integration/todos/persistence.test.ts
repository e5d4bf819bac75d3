import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodoPageRequest } from '#modules/todos/application/ports/todo.read-model.js';
import { Content } from '#modules/todos/domain/content.js';
import { TagSet } from '#modules/todos/domain/tags.js';
import { Todo } from '#modules/todos/domain/todo.js';
import { DrizzleTodoReadModel } from '#modules/todos/infrastructure/drizzle-todo.read-model.js';
import { DrizzleTodoRepository } from '#modules/todos/infrastructure/drizzle-todo.repository.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { SequentialIds } from '../../doubles/sequential-ids.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const OWNER = '10000000-0000-4000-8000-000000000001';
const OTHER = '10000000-0000-4000-8000-000000000002';

const make = (
  ids: SequentialIds,
  ownerId: string,
  content: string,
  tags: string[],
  minute: number,
) => {
  const parsed = Content.parse(content);
  const tagSet = TagSet.of(tags);
  if (!parsed.ok || !tagSet.ok) {
    throw new Error('bad fixture');
  }
  return Todo.create({
    id: ids.newId(),
    ownerId,
    content: parsed.value,
    tags: tagSet.value,
    at: new Date(Date.UTC(2026, 0, 1, 9, minute)),
  });
};

describe('todos persistence', () => {
  let database: TestDatabase;
  let repository: DrizzleTodoRepository;
  let readModel: DrizzleTodoReadModel;
  const created: Todo[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const context = new DatabaseContext(database.db);
    repository = new DrizzleTodoRepository(context);
    readModel = new DrizzleTodoReadModel(context);
    const ids = new SequentialIds();
    const fixtures: [string, string[]][] = [
      ['Buy groceries for the party', ['home', 'shop']],
      ['Fix the bike before the weekend', ['home']],
      ['Write the quarterly report', ['work']],
      ['Plan the party playlist', ['home', 'fun']],
      ['Review pull requests', ['work', 'code']],
    ];
    for (const [index, [content, tags]] of fixtures.entries()) {
      const todo = make(ids, OWNER, content, tags, index);
      created.push(todo);
      await repository.add(todo);
    }
    await repository.add(make(ids, OTHER, 'Someone else’s party', ['home'], 10));
  });
  afterAll(async () => {
    await database.close();
  });

  const request = (overrides: Partial<TodoPageRequest> = {}): TodoPageRequest => ({
    ownerId: OWNER,
    size: 2,
    filter: {},
    order: { field: 'CREATED_AT', direction: 'DESC' },
    cursor: null,
    backward: false,
    ...overrides,
  });
  const contents = (page: Awaited<ReturnType<DrizzleTodoReadModel['page']>>) =>
    page.items.map((item) => item.todo.content);

  it('pages newest first by keyset, with the total, and never shows another owner’s todos', async () => {
    const first = await readModel.page(request());
    expect(contents(first)).toEqual(['Review pull requests', 'Plan the party playlist']);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 5 });
    const last = first.items.at(-1);
    const second = await readModel.page(
      request({ cursor: { key: last?.key ?? '', id: last?.todo.id ?? '' } }),
    );
    expect(contents(second)).toEqual([
      'Write the quarterly report',
      'Fix the bike before the weekend',
    ]);
    const lastOfSecond = second.items.at(-1);
    const third = await readModel.page(
      request({ cursor: { key: lastOfSecond?.key ?? '', id: lastOfSecond?.todo.id ?? '' } }),
    );
    expect(contents(third)).toEqual(['Buy groceries for the party']);
    expect(third.hasNextPage).toBe(false);
  });

  it('filters by all given tags, by completion, and by full-text search ranked by relevance', async () => {
    const tagged = await readModel.page(request({ size: 10, filter: { tags: ['home', 'shop'] } }));
    expect(contents(tagged)).toEqual(['Buy groceries for the party']);
    const searched = await readModel.page(
      request({
        size: 10,
        filter: { search: 'parties' },
        order: { field: 'RELEVANCE', direction: 'DESC' },
      }),
    );
    expect(contents(searched).sort()).toEqual([
      'Buy groceries for the party',
      'Plan the party playlist',
    ]);
    expect(searched.totalCount).toBe(2);
    const open = await readModel.page(request({ size: 10, filter: { completed: false } }));
    expect(open.totalCount).toBe(5);
    const none = await readModel.page(request({ size: 10, filter: { completed: true } }));
    expect(none).toMatchObject({ items: [], totalCount: 0, hasNextPage: false });
  });

  it('pages through relevance order without repeats', async () => {
    const order = { field: 'RELEVANCE', direction: 'DESC' } as const;
    const filter = { search: 'party OR report OR bike' };
    const first = await readModel.page(request({ size: 2, filter, order }));
    const last = first.items.at(-1);
    const rest = await readModel.page(
      request({
        size: 10,
        filter,
        order,
        cursor: { key: last?.key ?? '', id: last?.todo.id ?? '' },
      }),
    );
    const all = [...contents(first), ...contents(rest)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(4);
  });

  it('walks ties on the sort key by id, in both directions and by either date, without repeats', async () => {
    const ids = new SequentialIds(1_000);
    const owner = '10000000-0000-4000-8000-0000000000aa';
    for (let i = 0; i < 5; i += 1) {
      // Same minute for all: every created_at and updated_at ties.
      await repository.add(make(ids, owner, `tied ${i}`, [], 30));
    }
    for (const field of ['CREATED_AT', 'UPDATED_AT'] as const) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const seen: string[] = [];
        let after: { key: string; id: string } | null = null;
        for (let page = 0; page < 5; page += 1) {
          const result = await readModel.page(
            request({ ownerId: owner, order: { field, direction }, cursor: after }),
          );
          seen.push(...result.items.map((item) => item.todo.id));
          const last = result.items.at(-1);
          after = last ? { key: last.key, id: last.todo.id } : null;
          if (!result.hasNextPage) {
            break;
          }
        }
        const sorted = [...seen].sort();
        expect(seen).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
        expect(seen).toHaveLength(5);

        // Backward from the end, two at a time: the same list, page by page from its tail.
        const backward: string[] = [];
        let before: { key: string; id: string } | null = null;
        for (let page = 0; page < 5; page += 1) {
          const result = await readModel.page(
            request({
              ownerId: owner,
              order: { field, direction },
              cursor: before,
              backward: true,
            }),
          );
          backward.unshift(...result.items.map((item) => item.todo.id));
          const first = result.items[0];
          before = first ? { key: first.key, id: first.todo.id } : null;
          if (!result.hasPreviousPage) {
            break;
          }
        }
        expect(backward).toEqual(seen);
      }
    }
  });

  it('knows what lies on either side of a page, forward and backward', async () => {
    const all = contents(await readModel.page(request({ size: 100 })));
    const start = await readModel.page(request({ size: 2 }));
    expect(start).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const mid = start.items.at(-1);
    const second = await readModel.page(
      request({ size: 2, cursor: { key: mid?.key ?? '', id: mid?.todo.id ?? '' } }),
    );
    expect(second).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const tail = await readModel.page(request({ size: 2, backward: true }));
    expect(contents(tail)).toEqual(all.slice(-2));
    expect(tail).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const head = second.items[0];
    const back = await readModel.page(
      request({
        size: 5,
        backward: true,
        cursor: { key: head?.key ?? '', id: head?.todo.id ?? '' },
      }),
    );
    expect(contents(back)).toEqual(all.slice(0, 2));
    expect(back).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('reports the total on a page past the end', async () => {
    const all = await readModel.page(request({ size: 100 }));
    const last = all.items.at(-1);
    const past = await readModel.page(
      request({ cursor: { key: last?.key ?? '', id: last?.todo.id ?? '' } }),
    );
    expect(past).toEqual({
      items: [],
      hasNextPage: false,
      hasPreviousPage: true,
      totalCount: all.totalCount,
    });
  });

  it('counts the owner’s tags, most used first', async () => {
    expect(await readModel.tagCounts(OWNER)).toEqual([
      { tag: 'home', count: 3 },
      { tag: 'work', count: 2 },
      { tag: 'code', count: 1 },
      { tag: 'fun', count: 1 },
      { tag: 'shop', count: 1 },
    ]);
  });

  it('finds todos only for their owner, and stores a change only from the version it read', async () => {
    const [todo] = created;
    if (!todo) {
      throw new Error('no fixture');
    }
    expect(await repository.findOwned(todo.id, OTHER)).toBeNull();
    expect(await repository.findOwned('not-a-uuid', OWNER)).toBeNull();
    const loaded = await repository.findOwned(todo.id, OWNER);
    const completed = loaded?.complete(new Date());
    expect(completed && (await repository.update(completed))).toBe(true);
    // A second writer that read the same version loses.
    const stale = loaded?.reopen(new Date()).complete(new Date());
    expect(stale && (await repository.update(stale))).toBe(false);
    expect((await repository.findOwned(todo.id, OWNER))?.version).toBe(2);
    expect(await readModel.findOwnedByIds(OTHER, [todo.id])).toEqual([]);
  });
});
