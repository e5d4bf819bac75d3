import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { acceptsConnections, postGraphQL } from '../support/http.js';
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
  // The server re-reads maintenance mode every second (MAINTENANCE_POLL_MS' default): a
  // change made in the database elsewhere shows within a few of those.
  const SEEN_WITHIN = { timeout: 10_000, interval: 100 };

  /** Another server process of its own (on the same database, when it is PostgreSQL). */
  const spawnOwnServer = async (extra: Record<string, string> = {}) => {
    const ownDir = mkdtempSync(join(tmpdir(), 'strata-process-own-'));
    const own = await spawnServer({ ...env, DATA_DIR: ownDir, ...extra });
    return {
      own,
      cleanUp: async () => {
        if (own.process.exitCode === null && own.process.signalCode === null) {
          await own.stop('SIGKILL');
        }
        rmSync(ownDir, { recursive: true, force: true });
      },
    };
  };
  /**
   * SIGTERM, then wait until the server has begun to shut down (it takes no new connections);
   * `exited` resolves to the exit code.
   */
  const terminate = async (running: RunningServer) => {
    const exited = running.stop('SIGTERM');
    await expect.poll(() => running.output().includes('"shutting down"'), SEEN_WITHIN).toBe(true);
    await expect.poll(() => acceptsConnections(running.url), SEEN_WITHIN).toBe(false);
    return { exited };
  };

  it('turns maintenance on from the CLI: clients get 503 MAINTENANCE, then work again', async () => {
    expect((await ping()).status).toBe(200);

    const on = await cli('maintenance', 'on');
    expect(on.stderr).toBe('');
    expect(on.stdout).toMatch(/^Maintenance mode is ON since /);
    await expect.poll(async () => (await ping()).status, SEEN_WITHIN).toBe(503);
    expect((await ping()).body.errors?.[0]?.extensions?.code).toBe('MAINTENANCE');
    expect((await cli('maintenance', 'status')).stdout).toMatch(/is ON/);

    const off = await cli('maintenance', 'off');
    expect(off.stdout).toMatch(/^Maintenance mode is OFF since /);
    await expect.poll(async () => (await ping()).status, SEEN_WITHIN).toBe(200);
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

  it('finishes a request that is running when SIGTERM arrives', async () => {
    // The model is served by a server of the test's, which holds each inference request
    // until the test releases it: the GraphQL request that asked for it stays in flight.
    const tier = await startHeldInferenceTier();
    const { own, cleanUp } = await spawnOwnServer({
      INFERENCE_BACKEND: 'remote',
      INFERENCE_URL: tier.url,
      INFERENCE_MODEL: 'held',
      INFERENCE_TIMEOUT_MS: '60000',
      INFERENCE_RETRIES: '0',
    });
    try {
      const registered = await postGraphQL<{ register: { auth: { accessToken: string } } }>(
        own.url,
        {
          query: `mutation { register(input: { email: "held@example.com",
            password: "a long enough password", displayName: "held" }) { auth { accessToken } } }`,
        },
      );
      const token = registered.body.data?.register.auth.accessToken ?? '';
      let settled = false;
      const inFlight = postGraphQL<{
        predictSentiment: { prediction: { text: string; sentiment: { label: string } } };
      }>(
        own.url,
        {
          query:
            'mutation { predictSentiment(text: "hold me") { prediction { text sentiment { label } } } }',
        },
        { authorization: `Bearer ${token}` },
      ).finally(() => {
        settled = true;
      });
      await tier.arrived;

      const { exited } = await terminate(own);
      expect(settled).toBe(false);
      tier.release();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        data: {
          predictSentiment: { prediction: { text: 'hold me', sentiment: { label: 'POSITIVE' } } },
        },
      });
      expect(await exited).toBe(0);
      expect(own.output()).toContain('"server stopped"');
    } finally {
      await cleanUp();
      await tier.close();
    }
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'finishes a database write that is waiting on a lock when SIGTERM arrives',
    async () => {
      const { own, cleanUp } = await spawnOwnServer();
      const blocker = openPostgresDatabase({ url: database?.url ?? '', poolMax: 2 });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        const patch = (maintenance: boolean) =>
          fetch(`${own.url}/v1/service-context`, {
            method: 'PATCH',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${TEST_OPS_TOKEN}`,
            },
            body: JSON.stringify({ maintenance }),
          });
        expect((await patch(true)).status).toBe(200);
        // Hold the row so the next switch is still running inside the server.
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
        // The request has arrived once its write waits for the row lock the test holds.
        const waitingOnTheLock = async () =>
          rowsOf<{ n: number }>(
            await blocker.db.execute(sql`
              select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'
                and query ilike '%service_context%'`),
          )[0]?.n;
        await expect.poll(waitingOnTheLock, SEEN_WITHIN).toBe(1);

        const { exited } = await terminate(own);
        expect(settled).toBe(false);
        release();

        const response = await inFlight;
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ maintenance: false });
        expect(await exited).toBe(0);
      } finally {
        release();
        await blocker.close();
        await cleanUp();
      }
    },
  );

  it('drains for SHUTDOWN_GRACE_MS on SIGTERM: not ready, still serving, then closes', async () => {
    const { own, cleanUp } = await spawnOwnServer({ SHUTDOWN_GRACE_MS: '3000' });
    try {
      const readiness = async () => {
        const response = await fetch(`${own.url}/readyz`);
        return {
          status: response.status,
          shutdown: ((await response.json()) as { checks: Record<string, unknown> }).checks
            .shutdown,
        };
      };
      expect(await readiness()).toEqual({
        status: 200,
        shutdown: { ready: true, detail: 'serving' },
      });
      const signalled = Date.now();
      const exited = own.stop('SIGTERM');
      await expect.poll(async () => (await readiness()).status, SEEN_WITHIN).toBe(503);
      expect((await readiness()).shutdown).toEqual({
        ready: false,
        detail: 'shutting down: still serving, soon closing',
      });
      // New requests, on new connections, are still served during the grace period.
      const during = await postGraphQL(own.url, { query: '{ serviceContext { version } }' });
      expect(during.status).toBe(200);
      expect(Date.now() - signalled).toBeLessThan(3_000);
      expect(await exited).toBe(0);
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(3_000);
      expect(own.output()).toContain('"draining: not ready, still serving"');
    } finally {
      await cleanUp();
    }
  });

  it('stops on SIGTERM with exit code 0 and releases the data directory', async () => {
    expect(server.process.exitCode).toBeNull();
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

interface HeldInferenceTier {
  readonly url: string;
  /** Resolves when the first inference request has arrived. */
  readonly arrived: Promise<void>;
  /** Lets the held inference requests be answered. */
  release(): void;
  close(): Promise<void>;
}

/**
 * An Open Inference Protocol server for a model named `held` that labels every text
 * POSITIVE, but answers inference requests only once the test releases them.
 */
async function startHeldInferenceTier(): Promise<HeldInferenceTier> {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && request.url === '/v2/models/held') {
        send(200, {
          name: 'held',
          versions: ['held-1'],
          properties: { labels: 'POSITIVE,NEGATIVE,NEUTRAL', max_batch_size: '10' },
        });
        return;
      }
      if (request.method === 'POST' && request.url === '/v2/models/held/infer') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          id?: string;
          inputs: { data: string[] }[];
        };
        const count = body.inputs[0]?.data.length ?? 0;
        arrive();
        await released;
        const column = (name: string, datatype: string, value: unknown) => ({
          name,
          datatype,
          shape: [count],
          data: Array.from({ length: count }, () => value),
        });
        send(200, {
          model_name: 'held',
          model_version: 'held-1',
          id: body.id,
          outputs: [
            column('label', 'BYTES', 'POSITIVE'),
            column('score', 'FP64', 0.5),
            column('positive', 'FP64', 1),
            column('negative', 'FP64', 0),
            column('neutral', 'FP64', 0),
            column('compound', 'FP64', 0.5),
          ],
        });
        return;
      }
      send(404, { error: `no route ${request.method} ${request.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
