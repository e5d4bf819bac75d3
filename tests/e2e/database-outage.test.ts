import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { RegisterDocument } from '../../schema/generated/graphql.js';
import { type FaultProxy, type ProxyMode, startFaultProxy } from '../support/fault-proxy.js';
import { graphql } from '../support/http.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Readiness {
  status: string;
  checks: Record<string, { ready: boolean; detail: string }>;
}

/** /readyz's answer and how long it took. */
const probe = async (server: TestServer) => {
  const started = performance.now();
  const response = await fetch(`${server.url}/readyz`);
  const body = (await response.json()) as Readiness;
  return { status: response.status, body, ms: performance.now() - started };
};

describe.runIf(testDatabaseKind === 'postgres')('a PostgreSQL server that goes silent', () => {
  let direct: TestDatabase;
  let proxy: FaultProxy;
  let server: TestServer;

  beforeAll(async () => {
    direct = await openTestDatabase();
    const url = new URL(direct.url ?? '');
    proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    // The client gives up on a silent statement 1 s after the server's timeout: 2 s here.
    const proxied = openPostgresDatabase({
      url: url.toString(),
      poolMax: 4,
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 1_000,
    });
    server = await startTestServer({
      database: { ...proxied, url: url.toString(), statements: [] },
    });
  });
  afterAll(async () => {
    proxy.mode = 'pass';
    await proxy.settled();
    await server?.close();
    await proxy?.close();
    await direct?.close();
  });

  it('makes /readyz answer 503 within 3 s, for every probe, and 200 again once it is back', async () => {
    expect((await probe(server)).status).toBe(200);

    proxy.mode = 'blackhole';
    // An orchestrator keeps probing: three at once, then one more, none may hang.
    const during = await Promise.all([probe(server), probe(server), probe(server)]);
    during.push(await probe(server));
    for (const { status, body, ms } of during) {
      expect(status).toBe(503);
      expect(body.status).toBe('not_ready');
      // Whichever gives up first: the probe's timeout or the driver's deadline (both 2 s
      // here) on a pooled connection, or the 1 s connect timeout when the pool had to open one.
      expect(body.checks.database?.ready).toBe(false);
      expect(body.checks.database?.detail).toMatch(/within 2000 ms|CONNECT_TIMEOUT/);
      expect(ms).toBeLessThan(3_000);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    proxy.mode = 'pass';
    await expect.poll(async () => (await probe(server)).status, { timeout: 10_000 }).toBe(200);
  });

  describe('requests while the database is out of reach', () => {
    let authorization: string;

    beforeAll(async () => {
      const registered = await graphql(server.url, RegisterDocument, {
        input: {
          email: 'outage@example.com',
          password: 'a long enough password',
          displayName: 'O',
        },
      });
      authorization = `Bearer ${registered.body.data?.register.auth?.accessToken}`;
    });

    /** A signed-in query and an anonymous mutation, both needing the database. */
    const attempt = async (signedIn: boolean) => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signedIn ? { authorization } : {}) },
        body: JSON.stringify(
          signedIn
            ? { query: '{ todos(first: 5) { totalCount } }' }
            : {
                query:
                  'mutation { login(input: { email: "outage@example.com", password: "wrong password!" }) { userErrors { code } } }',
              },
        ),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code: body.errors?.[0]?.extensions?.code,
        ms: performance.now() - started,
      };
    };

    it.each<{ mode: ProxyMode; within: number }>([
      { mode: 'blackhole', within: 3_500 },
      // Reconnection attempts can take up to the 2 s deadline before they give up.
      { mode: 'reset', within: 2_500 },
      { mode: 'refuse', within: 2_500 },
    ])(
      'answers 503 DATABASE_UNAVAILABLE with Retry-After within $within ms when connections $mode, for concurrent requests, then recovers',
      async ({ mode, within }) => {
        expect((await attempt(true)).status).toBe(200);

        proxy.mode = mode;
        await proxy.settled();
        const outcomes = await Promise.all([
          attempt(true),
          attempt(true),
          attempt(false),
          attempt(false),
        ]);
        outcomes.push(await attempt(true));
        for (const outcome of outcomes) {
          expect(outcome).toMatchObject({
            status: 503,
            retryAfter: '5',
            code: 'DATABASE_UNAVAILABLE',
          });
          expect(outcome.ms).toBeLessThan(within);
        }

        proxy.mode = 'pass';
        await proxy.settled();
        await expect
          .poll(async () => (await attempt(true)).status, { timeout: 10_000, interval: 200 })
          .toBe(200);
        expect((await attempt(false)).status).toBe(200);
      },
    );
  });
});
