import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { DatabaseKind } from '../../application/runtime-info.js';

/**
 * What repositories depend on: drizzle over PostgreSQL, whichever driver carries it
 * (embedded PGlite or postgres.js).
 */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** Called with each SQL statement the application sends (tests count them; logs may show them). */
export type StatementListener = (statement: string) => void;

export const statementLogger = (listener: StatementListener | undefined) =>
  listener ? { logger: { logQuery: (statement: string) => listener(statement) } } : {};

export interface MigrationStatus {
  readonly applied: number;
  readonly pending: number;
}

/** An open database with its lifecycle: one per process, opened and closed by app/. */
export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Database;
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  ping(): Promise<void>;
  /**
   * Calls `onNotify` for each notification on `channel` (PostgreSQL LISTEN/NOTIFY), and
   * once more whenever the listening connection is re-established, since notifications sent
   * while it was down are gone. Resolves with the way to stop listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
