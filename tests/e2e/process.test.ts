import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { postGraphQL } from '../support/http.js';
import { type RunningServer, runToEnd, spawnServer } from '../support/processes.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

/**
 * The server and CLI as separate processes, as an operator runs them: on the embedded
 * database by default, on PostgreSQL when the suite runs with TEST_DATABASE_URL.
 */
describe(`server and CLI processes (${testDatabaseKind})`, () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'strata-process-'));
    env = { DATA_DIR: dataDir, OPS_TOKEN: TEST_OPS_TOKEN, LOG_LEVEL: 'info' };
    if (testDatabaseKind === 'postgres') {
      database = await openTestDatabase();
      env.DATABASE_URL = database.url ?? '';
    }
    server = await spawnServer(env);
  });
  afterAll(async () => {
    if (server.process.exitCode === null && server.process.signalCode === null) {
      await server.stop('SIGKILL');
    }
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ping = () => postGraphQL(server.url, { query: '{ __typename }' });
  const cli = (...args: string[]) => runToEnd('src/cli.ts', args, env);

  it('turns maintenance on from the CLI: clients get 503 MAINTENANCE, then work again', async () => {
    expect((await ping()).status).toBe(200);

    const on = await cli('maintenance', 'on');
    expect(on.stderr).toBe('');
    expect(on.stdout).toMatch(/^Maintenance mode is ON since /);
    await expect.poll(async () => (await ping()).status, { timeout: 2_000 }).toBe(503);
    expect((await ping()).body.errors?.[0]?.extensions?.code).toBe('MAINTENANCE');
    expect((await cli('maintenance', 'status')).stdout).toMatch(/is ON/);

    const off = await cli('maintenance', 'off');
    expect(off.stdout).toMatch(/^Maintenance mode is OFF since /);
    await expect.poll(async () => (await ping()).status, { timeout: 2_000 }).toBe(200);
  });

  it.runIf(testDatabaseKind === 'embedded')(
    'explains why the CLI cannot switch without OPS_TOKEN while a server owns the data',
    async () => {
      const result = await runToEnd('src/cli.ts', ['maintenance', 'on'], { DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('owns the embedded database');
      expect(result.stderr).toContain('set OPS_TOKEN');
      expect((await ping()).status).toBe(200);
    },
  );

  it.runIf(testDatabaseKind === 'embedded')(
    'refuses to start a second server on the same data directory',
    async () => {
      const second = await runToEnd('src/main.ts', [], { ...env, PORT: '0', HOST: '127.0.0.1' });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another process (pid ${server.process.pid})`);
      expect((await ping()).status).toBe(200);
    },
  );

  it.runIf(testDatabaseKind === 'postgres')(
    'finishes a request that is running when SIGTERM arrives',
    async () => {
      const patch = (maintenance: boolean) =>
        fetch(`${server.url}/v1/service-context`, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${TEST_OPS_TOKEN}`,
          },
          body: JSON.stringify({ maintenance }),
        });
      expect((await patch(true)).status).toBe(200);
      // Hold the row so the next switch is still running inside the server.
      const blocker = await openTestDatabaseOn(database?.url ?? '');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const locked = new Promise<void>((lockTaken) => {
        void blocker.db.transaction(async (tx) => {
          await tx.execute(sql`select * from operations.service_context for update`);
          lockTaken();
          await held;
        });
      });
      await locked;
      let settled = false;
      const inFlight = patch(false).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);

      const exited = server.stop('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ maintenance: false });
      expect(await exited).toBe(0);
      await blocker.close();
    },
  );

  it('stops on SIGTERM with exit code 0 and releases the data directory', async () => {
    if (server.process.exitCode !== null) {
      // Already stopped by the in-flight test above.
      expect(server.process.exitCode).toBe(0);
      return;
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('"server stopped"');
    expect(existsSync(join(dataDir, 'strata.lock'))).toBe(false);
  });
});

describe('start-up configuration errors', () => {
  it('stop the process with one message naming each bad variable', async () => {
    const result = await runToEnd('src/main.ts', [], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT=eighty: expected an integer from 0 to 65535');
    expect(result.stderr).toContain('LOG_LEVEL=loud: expected one of');
  });
});

function openTestDatabaseOn(url: string) {
  return openPostgresDatabase({ url, poolMax: 2 });
}
