import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersTable } from '#modules/identity/infrastructure/identity.tables.js';
import { RequestCancelled } from '#shared/application/cancellation.js';
import type { Database } from '#shared/infrastructure/database/database.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { runCancellable } from '#shared/infrastructure/request-cancellation.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const USER = {
  id: '00000000-0000-4000-8000-0000000000b1',
  email: 'built-once@example.com',
  displayName: 'Built Once',
  passwordHash: 'not-a-real-hash',
  role: 'USER',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
};

describe('statements built once per shape (DatabaseContext.prepared)', () => {
  let database: TestDatabase;
  let context: DatabaseContext;
  let builds: Database[];

  const emailOf = (id: string) =>
    context.prepared(
      'test.email-of-user',
      (db) => {
        builds.push(db);
        return db
          .select({ email: usersTable.email })
          .from(usersTable)
          .where(eq(usersTable.id, sql.placeholder('id')));
      },
      { id },
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.insert(usersTable).values(USER);
    context = new DatabaseContext(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('builds the statement the first time and runs it with new values afterwards', async () => {
    builds = [];
    database.statements.length = 0;
    expect(await emailOf(USER.id)).toEqual([{ email: USER.email }]);
    expect(await emailOf('00000000-0000-4000-8000-0000000000ff')).toEqual([]);
    expect(await emailOf(USER.id)).toEqual([{ email: USER.email }]);
    expect(builds).toHaveLength(1);
    // Still one statement per call, each one sent.
    expect(database.statements.filter((s) => s.includes('"users"'))).toHaveLength(3);
  });

  it('gives two concurrent calls their own values', async () => {
    const [found, missing] = await Promise.all([
      emailOf(USER.id),
      emailOf('00000000-0000-4000-8000-0000000000fe'),
    ]);
    expect(found).toEqual([{ email: USER.email }]);
    expect(missing).toEqual([]);
  });

  it('builds on the transaction inside one, and sees its uncommitted writes', async () => {
    builds = [];
    const id = '00000000-0000-4000-8000-0000000000b2';
    await expect(
      context.run(async () => {
        await context.db
          .insert(usersTable)
          .values({ ...USER, id, email: 'in-transaction@example.com' });
        expect(await emailOf(id)).toEqual([{ email: 'in-transaction@example.com' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(builds).toHaveLength(1);
    expect(builds[0]).not.toBe(database.db);
    // Rolled back, and the shared statement was left alone.
    expect(await emailOf(id)).toEqual([]);
    expect(builds).toHaveLength(1);
  });

  it('hands back the rows unmapped, by column name and alias, on either driver', async () => {
    const rows = await context.preparedRows(
      'test.user-row',
      (db) =>
        db
          .select({
            email: usersTable.email,
            createdAt: usersTable.createdAt,
            shout: sql<string>`upper(${usersTable.displayName})`.as('shout'),
          })
          .from(usersTable)
          .where(eq(usersTable.id, sql.placeholder('id'))),
      { id: USER.id },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: USER.email, shout: 'BUILT ONCE' });
    // Timestamps stay the driver's text: the caller decodes with the column's own mapper.
    expect(usersTable.createdAt.mapFromDriverValue(rows[0]?.created_at as string)).toEqual(
      USER.createdAt,
    );
  });

  it('refuses to start once the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new RequestCancelled('client-gone'));
    await expect(runCancellable(controller.signal, () => emailOf(USER.id))).rejects.toBeInstanceOf(
      RequestCancelled,
    );
  });
});
