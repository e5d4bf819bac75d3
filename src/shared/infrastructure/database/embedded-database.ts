import { AsyncResource } from 'node:async_hooks';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Tracer } from '@opentelemetry/api';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { statementSpans } from '../telemetry/statement-spans.js';
import { DataDirLock } from './data-dir-lock.js';
import {
  type Database,
  type DatabaseHandle,
  type StatementListener,
  statementLogger,
} from './database.js';
import { migrationConfig, readMigrationStatus } from './migrations.js';
import { withDriverParsers } from './pglite-parsers.js';
import { durable, WalSync } from './wal-sync.js';

export interface EmbeddedDatabaseHandle extends DatabaseHandle {
  readonly kind: 'embedded';
  readonly dataDir: string | null;
  /** Lets a CLI find this process's HTTP server through the data directory's lock file. */
  advertise(url: string): void;
}

/**
 * PGlite persisted in `dataDir`, held with a lock (ADR 16): PGlite is one process's
 * database, and a second process opening the same directory would corrupt it.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: { readonly fsync?: boolean; readonly tracer?: Tracer | null } = {},
): Promise<EmbeddedDatabaseHandle> {
  const directory = resolve(dataDir);
  const lock = await DataDirLock.acquire(directory);
  try {
    const client = await PGlite.create({ dataDir: directory });
    const wal = options.fsync === false ? null : new WalSync(join(directory, 'pg_wal'));
    return wrapPGlite(client, directory, lock, undefined, wal, options.tracer ?? null);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** An already-open PGlite (tests load one from a migrated template). */
export function wrapPGlite(
  client: PGlite,
  dataDir: string | null = null,
  lock: DataDirLock | null = null,
  onStatement?: StatementListener,
  wal: WalSync | null = null,
  tracer: Tracer | null = null,
): EmbeddedDatabaseHandle {
  const driver = withDriverParsers(client, tracer ? statementSpans(tracer, {}) : null);
  const driverDb = drizzle(wal ? durable(driver, wal) : driver, statementLogger(onStatement));
  const db = driverDb as unknown as Database;
  let closed = false;
  return {
    kind: 'embedded',
    db,
    dataDir,
    migrate: async () => {
      await migrate(driverDb, migrationConfig);
    },
    migrationStatus: () => readMigrationStatus(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, onNotify) => {
      // One process, one connection: notifications are delivered as each commit returns,
      // in the committing request's async context. Bound to this one (start-up, outside
      // any request): what they wake is not that request's work, not under its
      // cancellation signal nor in its trace.
      const unlisten = await client.listen(channel, AsyncResource.bind(onNotify));
      return () => unlisten();
    },
    advertise: (url) => lock?.advertise(url),
    close: async () => {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (dataDir) {
          await client.exec('CHECKPOINT');
        }
        await client.close();
        await wal?.close();
      } finally {
        await lock?.release();
      }
    },
  };
}
