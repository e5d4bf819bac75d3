import type { Tracer } from '@opentelemetry/api';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { statementSpans } from '../telemetry/statement-spans.js';
import {
  type Database,
  type DatabaseHandle,
  type StatementListener,
  statementLogger,
} from './database.js';
import { migrationConfig, readMigrationStatus } from './migrations.js';
import { withQueryDeadlines } from './query-deadlines.js';

/** Any constant works, as long as every replica uses the same one. */
const MIGRATION_LOCK_KEY = 7_420_131_905;

export interface PostgresOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly onStatement?: StatementListener;
  /** How long opening a connection may take. */
  readonly connectTimeoutMs?: number;
  /**
   * The server cancels a statement running longer; the client gives up on one that has not
   * answered a second after that (a silent connection), with DatabaseUnavailableError.
   */
  readonly statementTimeoutMs?: number;
  /** Named prepared statements (the default); off behind a pooler that cannot keep them. */
  readonly preparedStatements?: boolean;
  /** A span per statement run while serving a traced request. */
  readonly tracer?: Tracer | null;
}

const POSTGRES_DEFAULTS = { connectTimeoutMs: 3_000, statementTimeoutMs: 4_000 } as const;

/** Idle connections are closed after a minute; busy ones are probed by TCP keepalive. */
const IDLE_TIMEOUT_SECONDS = 60;
const KEEPALIVE_SECONDS = 30;
/** The client's grace after the server's statement timeout, for the cancellation to arrive. */
const CLIENT_GRACE_MS = 1_000;

/** postgres.js against a PostgreSQL server, shared by any number of replicas. */
export function openPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const connectTimeoutMs = options.connectTimeoutMs ?? POSTGRES_DEFAULTS.connectTimeoutMs;
  const statementTimeoutMs = options.statementTimeoutMs ?? POSTGRES_DEFAULTS.statementTimeoutMs;
  const client = postgres(options.url, {
    max: options.poolMax,
    onnotice: () => {},
    connect_timeout: connectTimeoutMs / 1000,
    idle_timeout: IDLE_TIMEOUT_SECONDS,
    keep_alive: KEEPALIVE_SECONDS,
    connection: { application_name: 'strata', statement_timeout: statementTimeoutMs },
  });
  const deadlined = withQueryDeadlines(client, statementTimeoutMs + CLIENT_GRACE_MS, {
    prepare: options.preparedStatements ?? true,
    ...(options.tracer ? { probe: statementSpans(options.tracer, targetOf(client)) } : {}),
  });
  const driverDb = drizzle(deadlined, statementLogger(options.onStatement));
  const db = driverDb as unknown as Database;
  return {
    kind: 'postgres',
    db,
    migrate: async () => {
      // Migrations may run long (an index on a large table): they get connections of their
      // own, without the statement timeout. Replicas starting together queue on the lock;
      // the later ones find nothing pending. One session holds the lock while another
      // runs the migrations.
      const migrator = postgres(options.url, {
        max: 2,
        onnotice: () => {},
        connect_timeout: connectTimeoutMs / 1000,
        connection: { application_name: 'strata-migrate' },
      });
      try {
        const session = await migrator.reserve();
        try {
          await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
          await migrate(drizzle(migrator), migrationConfig);
        } finally {
          await session`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
          session.release();
        }
      } finally {
        await migrator.end({ timeout: 5 });
      }
    },
    migrationStatus: () => readMigrationStatus(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, onNotify) => {
      // postgres.js listens on a connection of its own and reconnects it by itself; the
      // third callback runs on every (re)connection.
      const { unlisten } = await client.listen(channel, onNotify, onNotify);
      return unlisten;
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * The server and database the client connects to, as postgres.js read them from the URL
 * (the first host of a multi-host URL), for statement spans: never the credentials.
 */
function targetOf(client: postgres.Sql) {
  const { host, port, database } = client.options;
  return {
    ...(host[0] ? { address: host[0] } : {}),
    ...(port[0] ? { port: port[0] } : {}),
    ...(database ? { namespace: database } : {}),
  };
}
