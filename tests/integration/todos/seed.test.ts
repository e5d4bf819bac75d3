import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTodo, seedUser, seedUuid } from '#cli/seed/seed-data.js';
import { seed } from '#cli/seed/seeder.js';
import { Content } from '#modules/todos/domain/content.js';
import { TagSet } from '#modules/todos/domain/tags.js';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('db seed', () => {
  let database: TestDatabase;
  const now = new Date('2026-06-01T12:00:00Z');
  const plan = { users: 3, todos: 2_500, passwordHash: 'fast$1$x', now };

  // Each test seeds its own database: none depends on rows another one wrote.
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  const count = async (table: string) =>
    Number(
      rowsOf<{ n: number }>(
        await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
      )[0]?.n,
    );

  it('inserts the planned users and todos, in batches, reporting progress', async () => {
    const progress: number[] = [];
    const result = await seed(database.db, plan, (done) => progress.push(done));
    expect(result).toEqual({ users: 3, todos: 2_500 });
    expect(progress).toEqual([1_000, 2_000, 2_500]);
    expect(await count('identity.users')).toBe(3);
    expect(await count('todos.todos')).toBe(2_500);
  });

  it('adds nothing when run again, and only the missing rows when asked for more', async () => {
    expect(await seed(database.db, plan, () => {})).toEqual({ users: 3, todos: 2_500 });
    expect(await seed(database.db, plan, () => {})).toEqual({ users: 0, todos: 0 });
    expect(await count('todos.todos')).toBe(2_500);
    expect(await seed(database.db, { ...plan, todos: 3_000 }, () => {})).toEqual({
      users: 0,
      todos: 500,
    });
    expect(await count('todos.todos')).toBe(3_000);
    expect(await count('identity.users')).toBe(3);
  });

  it('makes todos that obey the domain rules, spread over owners, tags and dates', () => {
    const owners = [0, 1, 2].map(seedUser);
    const todos = Array.from({ length: 500 }, (_, index) => seedTodo(index, owners, now));
    for (const todo of todos) {
      expect(Content.parse(todo.content).ok).toBe(true);
      expect(TagSet.of(todo.tags).ok).toBe(true);
      expect(todo.createdAt.getTime()).toBeLessThanOrEqual(todo.updatedAt.getTime());
      expect(todo.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(todo.completedAt?.getTime() ?? 0).toBeLessThanOrEqual(now.getTime());
    }
    expect(new Set(todos.map((todo) => todo.ownerId)).size).toBe(3);
    expect(todos.filter((todo) => todo.completedAt).length).toBeGreaterThan(100);
    expect(new Set(todos.flatMap((todo) => todo.tags)).size).toBeGreaterThan(10);
    expect(seedTodo(7, owners, now)).toEqual(seedTodo(7, owners, now));
    expect(seedUuid('todo:1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
