import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { ServiceContextDocument } from '../../schema/generated/graphql.js';
import { graphql, postGraphQL, readJson } from '../support/http.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** How often each replica re-reads the shared maintenance state. */
const POLL_MS = 1_000;
/** A limit several poll intervals long, for a change made on one replica to show on the other. */
const SEEN_WITHIN = { timeout: 8 * POLL_MS, interval: 100 };

type ServiceContextJson = { maintenance: boolean; maintenanceChangedAt: string | null };

const ping = (server: TestServer) => postGraphQL(server.url, { query: '{ __typename }' });
const switchMaintenance = (server: TestServer, maintenance: boolean) =>
  fetch(`${server.url}/v1/service-context`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPS_TOKEN}` },
    body: JSON.stringify({ maintenance }),
  });

// Replicas share a PostgreSQL server; an embedded database belongs to one process.
describe.runIf(testDatabaseKind === 'postgres')('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;

  // Each test gets a database and two replicas of its own: none inherits another's state.
  beforeEach(async () => {
    database = await openTestDatabase();
    const shared = { ...database, close: async () => {} };
    first = await startTestServer({
      database: shared,
      env: { MAINTENANCE_POLL_MS: String(POLL_MS) },
    });
    second = await startTestServer({
      database: { ...(await openTestDatabaseOn(database)), url: database.url, statements: [] },
      env: { MAINTENANCE_POLL_MS: String(POLL_MS) },
    });
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    await database.close();
  });

  it('sees a maintenance switch made on the other within a few poll intervals', async () => {
    expect((await ping(second)).status).toBe(200);

    const switched = await switchMaintenance(first, true);
    expect(switched.status).toBe(200);
    await expect.poll(async () => (await ping(second)).status, SEEN_WITHIN).toBe(503);

    expect((await switchMaintenance(first, false)).status).toBe(200);
    await expect.poll(async () => (await ping(second)).status, SEEN_WITHIN).toBe(200);
  });

  it('settles switches made on both at once on one state and one change time', async () => {
    const before = Date.now();
    const [a, b] = await Promise.all([
      switchMaintenance(first, true),
      switchMaintenance(second, true),
    ]);
    const after = Date.now();
    expect([a.status, b.status]).toEqual([200, 200]);
    const [fromFirst, fromSecond] = [
      await readJson<ServiceContextJson>(a),
      await readJson<ServiceContextJson>(b),
    ];
    // One switch happened, at one time, which both callers are told.
    expect(fromFirst).toMatchObject({
      maintenance: true,
      maintenanceChangedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(fromSecond).toMatchObject({
      maintenance: true,
      maintenanceChangedAt: fromFirst.maintenanceChangedAt,
    });
    const changedAt = Date.parse(fromFirst.maintenanceChangedAt ?? '');
    expect(changedAt).toBeGreaterThanOrEqual(before);
    expect(changedAt).toBeLessThanOrEqual(after);

    for (const replica of [first, second]) {
      const context = await graphql(replica.url, ServiceContextDocument);
      expect(context.status).toBe(200);
      expect(context.body.data?.serviceContext).toMatchObject({
        maintenance: true,
        maintenanceChangedAt: fromFirst.maintenanceChangedAt,
      });
    }
  });
});

/** A second connection pool on the same database, as another replica would open. */
async function openTestDatabaseOn(database: TestDatabase) {
  return openPostgresDatabase({ url: database.url ?? '', poolMax: 3 });
}
