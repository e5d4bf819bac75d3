import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import {
  type Database,
  type DatabaseHandle,
  type StatementListener,
  statementLogger,
} from './database.js';
import { migrationConfig, readMigrationStatus } from './migrations.js';

/** Any constant works, as long as every replica uses the same one. */
const MIGRATION_LOCK_KEY = 7_420_131_905;

export interface PostgresOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly onStatement?: StatementListener;
}

/** postgres.js against a PostgreSQL server, shared by any number of replicas. */
export function openPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const client = postgres(options.url, {
    max: options.poolMax,
    onnotice: () => {},
    connection: { application_name: 'strata' },
  });
  const driverDb = drizzle(client, statementLogger(options.onStatement));
  const db = driverDb as unknown as Database;
  return {
    kind: 'postgres',
    db,
    migrate: async () => {
      // Replicas starting together queue on the lock; the later ones find nothing pending.
      // The lock is held by one reserved session while the pool runs the migrations.
      const session = await client.reserve();
      try {
        await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(driverDb, migrationConfig);
      } finally {
        await session`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        session.release();
      }
    },
    migrationStatus: () => readMigrationStatus(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}
