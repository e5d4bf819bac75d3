import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationConfig, rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe(`migrations (${process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded'})`, () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('leaves a freshly migrated database with nothing pending', async () => {
    database = await openTestDatabase();
    const shipped = readMigrationFiles(migrationConfig).length;
    expect(await database.migrationStatus()).toEqual({ applied: shipped, pending: 0 });
  });

  it('applies nothing twice when migrate runs again, even concurrently', async () => {
    database = await openTestDatabase();
    await Promise.all([database.migrate(), database.migrate()]);
    const rows = rowsOf<{ count: number | string }>(
      await database.db.execute(sql`select count(*) as count from drizzle.__drizzle_migrations`),
    );
    expect(Number(rows[0]?.count)).toBe(readMigrationFiles(migrationConfig).length);
  });

  it('reports migrations as pending when the database lacks them', async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations`);
    const status = await database.migrationStatus();
    expect(status.pending).toBe(readMigrationFiles(migrationConfig).length);
  });
});
