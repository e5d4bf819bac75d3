import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
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
    const proxied = openPostgresDatabase({ url: url.toString(), poolMax: 4 });
    server = await startTestServer({
      database: { ...proxied, url: url.toString(), statements: [] },
    });
  });
  afterAll(async () => {
    proxy.mode = 'pass';
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
      expect(body.checks.database).toEqual({ ready: false, detail: 'no answer within 2000 ms' });
      expect(ms).toBeLessThan(3_000);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    proxy.mode = 'pass';
    await expect.poll(async () => (await probe(server)).status, { timeout: 10_000 }).toBe(200);
  });
});
