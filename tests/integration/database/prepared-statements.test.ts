import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersTable } from '#modules/identity/infrastructure/identity.tables.js';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import {
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from '../../support/test-database.js';

/** PostgreSQL's own list of the statements prepared on the (single) connection asking. */
const prepared = async (handle: ReturnType<typeof openPostgresDatabase>) =>
  rowsOf<{ statement: string }>(
    await handle.db.execute(sql`select statement from pg_prepared_statements`),
  ).map((row) => row.statement);

describe.runIf(testDatabaseKind === 'postgres')('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const lookUp = (handle: ReturnType<typeof openPostgresDatabase>) =>
    handle.db
      .select({ id: usersTable.id })
      .from(usersTable)
      .where(eq(usersTable.id, '00000000-0000-4000-8000-000000000001'));

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    const handle = openPostgresDatabase({ url: database.url ?? '', poolMax: 1 });
    try {
      await lookUp(handle);
      await lookUp(handle);
      const statements = (await prepared(handle)).filter((text) => text.includes('"users"'));
      expect(statements).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS=false', async () => {
    const handle = openPostgresDatabase({
      url: database.url ?? '',
      poolMax: 1,
      preparedStatements: false,
    });
    try {
      await lookUp(handle);
      expect((await prepared(handle)).filter((text) => text.includes('"users"'))).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
