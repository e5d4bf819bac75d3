import { sql } from 'drizzle-orm';
import { usersTable } from '#modules/identity/infrastructure/identity.tables.js';
import { todosTable } from '#modules/todos/infrastructure/todos.tables.js';
import type { Database } from '#shared/infrastructure/database/database.js';
import { type SeedUser, seedTodo, seedUser } from './seed-data.js';

const BATCH = 1_000;

export interface SeedPlan {
  readonly users: number;
  readonly todos: number;
  readonly passwordHash: string;
  readonly now: Date;
}

/**
 * Realistic data for trying Strata out and for benchmarks. Ids are derived from the seed's
 * indexes and rows are inserted with ON CONFLICT DO NOTHING, so running it again adds
 * only what is missing.
 */
export async function seed(
  db: Database,
  plan: SeedPlan,
  onProgress: (done: number) => void,
): Promise<{ users: number; todos: number }> {
  const users: SeedUser[] = Array.from({ length: plan.users }, (_, index) => seedUser(index));
  const insertedUsers = await db
    .insert(usersTable)
    .values(
      users.map((user) => ({
        ...user,
        passwordHash: plan.passwordHash,
        role: 'USER',
        createdAt: plan.now,
        updatedAt: plan.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: usersTable.id });

  let insertedTodos = 0;
  for (let start = 0; start < plan.todos; start += BATCH) {
    const size = Math.min(BATCH, plan.todos - start);
    const rows = Array.from({ length: size }, (_, offset) =>
      seedTodo(start + offset, users, plan.now),
    );
    const inserted = await db
      .insert(todosTable)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: todosTable.id });
    insertedTodos += inserted.length;
    onProgress(start + size);
  }
  // Fresh rows have no visibility map yet: until VACUUM sets it, counting a user's todos
  // reads every heap page instead of the index alone (what autovacuum would do later).
  await db.execute(sql`vacuum analyze todos.todos`);
  return { users: insertedUsers.length, todos: insertedTodos };
}
