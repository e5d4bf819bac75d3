import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import type { DatabaseHandle } from '#shared/infrastructure/database/database.js';
import { wrapPGlite } from '#shared/infrastructure/database/embedded-database.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { databaseUrl, dropDatabase, withAdmin } from './postgres-admin.js';
import './provided.js';

export interface TestDatabase extends DatabaseHandle {
  /** A connection URL when the database is a PostgreSQL one (replicas can share it). */
  readonly url: string | null;
  /** Every SQL statement sent through `db`, in order; clear it to start counting. */
  readonly statements: string[];
}

/** Which database the integration and end-to-end suites run on. */
export const testDatabaseKind = inject('postgresTemplate') ? 'postgres' : 'embedded';

/** A fresh, migrated database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const postgresTemplate = inject('postgresTemplate');
  if (!postgresTemplate) {
    const tarball = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const client = await PGlite.create({ loadDataDir: tarball });
    const statements: string[] = [];
    return {
      ...wrapPGlite(client, null, null, (statement) => statements.push(statement)),
      url: null,
      statements,
    };
  }
  const { adminUrl, database: template } = postgresTemplate;
  const database = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (sql) =>
    sql.unsafe(`create database "${database}" template "${template}"`),
  );
  const url = databaseUrl(adminUrl, database);
  const statements: string[] = [];
  const handle = openPostgresDatabase({
    url,
    poolMax: 5,
    onStatement: (statement) => statements.push(statement),
  });
  return {
    ...handle,
    url,
    statements,
    close: async () => {
      await handle.close();
      await dropDatabase(adminUrl, database);
    },
  };
}

/**
 * The statements a request sent, out of all those captured meanwhile: without the
 * maintenance monitor's poll, the outbox relay's reads and housekeeping's rounds (the first
 * 5 s after start, which a slow machine meets in the middle of a test).
 */
export function requestStatements(statements: readonly string[]): string[] {
  return statements.filter(
    (sql) =>
      !sql.includes('"service_context"') &&
      !sql.includes('"outbox"') &&
      !sql.includes('advisory_xact_lock') &&
      !/^\s*delete\b/i.test(sql),
  );
}
