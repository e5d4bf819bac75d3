import type { Tracer } from '@opentelemetry/api';
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from './database.js';
import { openEmbeddedDatabase } from './embedded-database.js';
import { openPostgresDatabase } from './postgres-database.js';

/** `DATABASE_URL` picks PostgreSQL; without it, the embedded database in `DATA_DIR`. */
export function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolMax' | 'dataDir'> &
    Partial<
      Pick<
        Config,
        | 'databaseConnectTimeoutMs'
        | 'databaseStatementTimeoutMs'
        | 'databasePreparedStatements'
        | 'embeddedFsync'
      >
    >,
  options: { readonly tracer?: Tracer | null } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return Promise.resolve(
      openPostgresDatabase({
        url: config.databaseUrl,
        poolMax: config.databasePoolMax,
        ...(config.databaseConnectTimeoutMs === undefined
          ? {}
          : { connectTimeoutMs: config.databaseConnectTimeoutMs }),
        ...(config.databaseStatementTimeoutMs === undefined
          ? {}
          : { statementTimeoutMs: config.databaseStatementTimeoutMs }),
        ...(config.databasePreparedStatements === undefined
          ? {}
          : { preparedStatements: config.databasePreparedStatements }),
        tracer: options.tracer ?? null,
      }),
    );
  }
  return openEmbeddedDatabase(config.dataDir, {
    fsync: config.embeddedFsync ?? true,
    tracer: options.tracer ?? null,
  });
}
