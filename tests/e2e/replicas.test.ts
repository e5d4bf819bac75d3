import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { postGraphQL } from '../support/http.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Replicas share a PostgreSQL server; an embedded database belongs to one process.
describe.runIf(testDatabaseKind === 'postgres')('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase();
    const shared = { ...database, close: async () => {} };
    first = await startTestServer({ database: shared, env: { MAINTENANCE_POLL_MS: '1000' } });
    second = await startTestServer({
      database: { ...(await openTestDatabaseOn(database)), url: database.url, statements: [] },
      env: { MAINTENANCE_POLL_MS: '1000' },
    });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.close();
  });

  it('sees a maintenance switch made on the other within 2 seconds', async () => {
    const ping = (server: TestServer) => postGraphQL(server.url, { query: '{ __typename }' });
    expect((await ping(second)).status).toBe(200);

    const switched = await fetch(`${first.url}/v1/service-context`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPS_TOKEN}` },
      body: '{"maintenance":true}',
    });
    expect(switched.status).toBe(200);
    const started = Date.now();
    await expect.poll(async () => (await ping(second)).status, { timeout: 2_000 }).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

/** A second connection pool on the same database, as another replica would open. */
async function openTestDatabaseOn(database: TestDatabase) {
  return openPostgresDatabase({ url: database.url ?? '', poolMax: 3 });
}
