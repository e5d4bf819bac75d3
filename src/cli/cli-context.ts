import { resolve } from 'node:path';
import type { Container } from 'inversify';
import { buildContainer } from '#app/container.js';
import { packageVersion } from '#app/package-version.js';
import { type Config, loadConfig } from '#shared/infrastructure/config/config.js';
import { readEnvironment } from '#shared/infrastructure/config/environment.js';
import {
  DataDirLock,
  DataDirLockedError,
  type LockOwner,
} from '#shared/infrastructure/database/data-dir-lock.js';
import type { DatabaseHandle } from '#shared/infrastructure/database/database.js';
import { openDatabase } from '#shared/infrastructure/database/open-database.js';
import { createLogger } from '#shared/infrastructure/logger.js';
import { CliError } from './cli-error.js';

export function cliConfig(): Config {
  return loadConfig(readEnvironment());
}

/** The live server that owns the embedded data directory, if there is one. */
export async function embeddedServer(config: Config): Promise<LockOwner | null> {
  return config.databaseUrl ? null : DataDirLock.liveOwner(resolve(config.dataDir));
}

/**
 * Opens the database and the same container the server uses, runs `work`, and closes.
 * Migrations are applied first, so a command never meets an older schema.
 */
export async function withContainer<T>(
  config: Config,
  work: (container: Container, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CliError(error.message);
    }
    throw error;
  });
  try {
    await database.migrate();
    const logger = createLogger({ ...config, nodeEnv: 'production', logLevel: 'error' });
    const runtime = { version: packageVersion, startedAt: new Date(), database: database.kind };
    return await work(buildContainer({ config, database, logger, runtime }), database);
  } finally {
    await database.close();
  }
}
