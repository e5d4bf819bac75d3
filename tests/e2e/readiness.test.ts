import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { dropDatabase } from '../support/postgres-admin.js';
import { testDatabaseKind } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import '../support/provided.js';

/** The migrations Strata ships, as drizzle-kit lists them. */
const JOURNAL = JSON.parse(
  readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: { tag: string; when: number }[] };
const SHIPPED = JOURNAL.entries.length;

interface Readiness {
  status: string;
  maintenance: boolean;
  checks: Record<string, { ready: boolean; detail?: string }>;
}

const readiness = async (server: TestServer) => {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
};

describe(`/readyz on a database that stops serving (${testDatabaseKind})`, () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 200 with each check while the database is reachable and current', async () => {
    server = await startTestServer();
    const { status, body } = await readiness(server);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', maintenance: false });
    expect(body.checks.database).toEqual({
      ready: true,
      detail: `reachable, ${SHIPPED} migration(s) applied`,
    });
  });

  it('answers 503 while a migration is recorded as not applied, and 200 once it is again', async () => {
    server = await startTestServer();
    const { db } = server.database;
    const table = sql.raw('"drizzle"."__drizzle_migrations"');
    const [latest] = rowsOf<{ id: number; hash: string; created_at: string }>(
      await db.execute(
        sql`select id, hash, created_at from ${table} order by created_at desc limit 1`,
      ),
    );
    // The newest migration shipped, recorded under the time drizzle-kit gave it.
    expect(Number(latest?.created_at)).toBe(JOURNAL.entries.at(-1)?.when);
    await db.execute(sql`delete from ${table} where id = ${latest?.id}`);

    const pending = await readiness(server);
    expect(pending.status).toBe(503);
    expect(pending.body).toMatchObject({ status: 'not_ready', maintenance: false });
    expect(pending.body.checks.database).toEqual({
      ready: false,
      detail: '1 migration(s) not applied',
    });

    await db.execute(
      sql`insert into ${table} (id, hash, created_at) values (${latest?.id}, ${latest?.hash}, ${latest?.created_at})`,
    );
    const current = await readiness(server);
    expect(current.status).toBe(200);
    expect(current.body.checks.database).toEqual({
      ready: true,
      detail: `reachable, ${SHIPPED} migration(s) applied`,
    });
  });

  /** A server whose PostgreSQL database has been dropped under it, and the name it had. */
  const onDroppedDatabase = async () => {
    server = await startTestServer();
    expect((await readiness(server)).status).toBe(200);
    const { adminUrl } = inject('postgresTemplate') ?? { adminUrl: '' };
    const name = new URL(server.database.url ?? '').pathname.slice(1);
    // Ends the server's connections too: its pool must connect again, and cannot.
    await dropDatabase(adminUrl, name);
    return { server, name };
  };

  it.runIf(testDatabaseKind === 'postgres')(
    'answers 503 once its PostgreSQL database is dropped',
    async () => {
      const { status, body } = await readiness((await onDroppedDatabase()).server);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'not_ready', maintenance: false });
      expect(body.checks.database).toEqual({
        ready: false,
        detail: expect.stringMatching(/^unreachable: /),
      });
    },
  );

  it.runIf(testDatabaseKind === 'postgres')(
    'says why the database is unreachable: the error PostgreSQL gave, not the probe query',
    async () => {
      const dropped = await onDroppedDatabase();
      const { body } = await readiness(dropped.server);
      expect(body.checks.database?.detail).toBe(
        `unreachable: database "${dropped.name}" does not exist`,
      );
    },
  );

  it.runIf(testDatabaseKind === 'embedded')(
    'answers 503 once its embedded database is closed under it, saying so',
    async () => {
      server = await startTestServer();
      expect((await readiness(server)).status).toBe(200);
      await server.database.close();

      const { status, body } = await readiness(server);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'not_ready', maintenance: false });
      expect(body.checks.database).toEqual({
        ready: false,
        detail: 'unreachable: PGlite is closed',
      });
    },
  );
});
