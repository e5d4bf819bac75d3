import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database, MigrationStatus } from './database.js';

/** `drizzle/` at the package root; src/ and dist/ sit at the same depth below it. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../drizzle', import.meta.url));

const MIGRATIONS_SCHEMA = 'drizzle';
const MIGRATIONS_TABLE = '__drizzle_migrations';

export const migrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: MIGRATIONS_SCHEMA,
  migrationsTable: MIGRATIONS_TABLE,
};

/** Compares the migrations shipped in `drizzle/` with those the database has applied. */
export async function readMigrationStatus(db: Database): Promise<MigrationStatus> {
  const shipped = readMigrationFiles(migrationConfig);
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass(${`${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`}) is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) {
    return { applied: 0, pending: shipped.length };
  }
  const result = await db.execute<{ created_at: string | number }>(
    sql.raw(`select created_at from "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`),
  );
  const applied = new Set(
    rowsOf<{ created_at: string | number }>(result).map((row) => Number(row.created_at)),
  );
  const pending = shipped.filter((migration) => !applied.has(migration.folderMillis)).length;
  return { applied: shipped.length - pending, pending };
}

/** PGlite returns `{ rows }`, postgres.js returns the rows array itself. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) {
    return result as T[];
  }
  return (result as { rows: T[] }).rows;
}
