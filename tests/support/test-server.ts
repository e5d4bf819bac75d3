import type { Container } from 'inversify';
import { type Application, createApplication } from '#app/application.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { testConfig } from './test-config.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export interface TestServer {
  readonly app: Application;
  readonly database: TestDatabase;
  /** Base URL, SERVICE_PREFIX included. */
  readonly url: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly env?: Record<string, string>;
  readonly database?: TestDatabase;
  readonly configure?: (container: Container) => void;
  readonly logger?: Logger;
}

/** The real application on a fresh test database, listening on a free loopback port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await openTestDatabase());
  const app = await createApplication(testConfig(options.env), {
    database,
    ...(options.configure ? { configure: options.configure } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const url = await app.listen();
  return { app, database, url, close: () => app.close() };
}
