import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, TodosDocument } from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { type RunningServer, runToEnd, spawnServer } from '../support/processes.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

/** How many migrations Strata ships (drizzle-kit's journal lists them). */
const SHIPPED = (
  JSON.parse(
    readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: unknown[] }
).entries.length;

/** Each CLI run starts a process and opens the database: tests running several get longer. */
const SEVERAL_PROCESSES = 120_000;

/** An ISO 8601 instant at UTC with milliseconds, as the CLI prints times. */
const ISO_INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

/**
 * A place of its own for one test: a fresh DATA_DIR, and on PostgreSQL a fresh database.
 * Everything made is removed by `removeAll`.
 */
function places() {
  const made: { dataDir: string; database?: TestDatabase }[] = [];
  return {
    async fresh(): Promise<{ dataDir: string; env: Record<string, string> }> {
      const dataDir = mkdtempSync(join(tmpdir(), 'strata-cli-db-'));
      const place: { dataDir: string; database?: TestDatabase } = { dataDir };
      made.push(place);
      const env: Record<string, string> = { DATA_DIR: dataDir };
      if (testDatabaseKind === 'postgres') {
        place.database = await openTestDatabase();
        env.DATABASE_URL = place.database.url ?? '';
      }
      return { dataDir, env };
    },
    async removeAll() {
      for (const { dataDir, database } of made.splice(0)) {
        await database?.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

describe(`npm run cli -- db and maintenance (${testDatabaseKind})`, () => {
  const place = places();
  afterEach(async () => {
    await place.removeAll();
  });
  const cli = (env: Record<string, string>, ...args: string[]) => runToEnd('src/cli.ts', args, env);

  it(
    'applies the migrations with db migrate and prints the counts, the same when run again',
    async () => {
      const { env } = await place.fresh();
      const expected = `Migrations up to date: ${SHIPPED} applied, 0 pending.\n`;
      const first = await cli(env, 'db', 'migrate');
      expect(first).toEqual({ code: 0, stdout: expected, stderr: '' });
      const again = await cli(env, 'db', 'migrate');
      expect(again).toEqual({ code: 0, stdout: expected, stderr: '' });
    },
    SEVERAL_PROCESSES,
  );

  it(
    'seeds users who sign in with the password it prints, and a rerun adds only what is missing',
    async () => {
      const { env } = await place.fresh();
      const seeded = await cli(env, 'db', 'seed', '--users', '2', '--todos', '5');
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toMatch(
        /^Seeded 2 new users and 5 new todos in \d+\.\d s \(users sign in as seed-user-<n>@example\.com with password "strata-seed-password"\)\.\n$/,
      );
      const more = await cli(env, 'db', 'seed', '--users', '2', '--todos', '7');
      expect(more.code).toBe(0);
      expect(more.stdout).toMatch(/^Seeded 0 new users and 2 new todos in /);

      // Todos go to the users in turn: of 7, seed-user-0 has 4 and seed-user-1 has 3.
      const server: RunningServer = await spawnServer(env);
      try {
        for (const [email, todos] of [
          ['seed-user-0@example.com', 4],
          ['seed-user-1@example.com', 3],
        ] as const) {
          const login = await graphql(server.url, LoginDocument, {
            input: { email, password: 'strata-seed-password' },
          });
          expect(login.body.data?.login.userErrors).toEqual([]);
          const auth = login.body.data?.login.auth;
          expect(auth?.user).toMatchObject({ email, role: 'USER' });
          const page = await graphql(
            server.url,
            TodosDocument,
            { first: 10 },
            { authorization: `Bearer ${auth?.accessToken}` },
          );
          expect(page.body.data?.todos.totalCount).toBe(todos);
        }
        const nobody = await graphql(server.url, LoginDocument, {
          input: { email: 'seed-user-2@example.com', password: 'strata-seed-password' },
        });
        expect(nobody.body.data?.login.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
    },
    SEVERAL_PROCESSES,
  );

  it.each([
    ['--users', '0', 1_000],
    ['--users', '1001', 1_000],
    ['--todos', 'many', 10_000_000],
    ['--todos', '2.5', 10_000_000],
  ])(
    'refuses db seed %s %s, naming the range, with exit code 1 and nothing written',
    async (option, value, max) => {
      const { dataDir, env } = await place.fresh();
      const result = await cli(env, 'db', 'seed', option, value);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `strata: ${option} expects a whole number from 1 to ${max}, not "${value}".\n`,
      });
      // Refused before any database was opened: the data directory is as it was made.
      expect(readdirSync(dataDir)).toEqual([]);
    },
  );

  it(
    'switches maintenance mode with no server running, and the state persists between runs',
    async () => {
      const { env } = await place.fresh();
      expect(await cli(env, 'maintenance', 'status')).toEqual({
        code: 0,
        stdout: 'Maintenance mode is OFF.\n',
        stderr: '',
      });

      const before = Date.now();
      const on = await cli(env, 'maintenance', 'on');
      const after = Date.now();
      expect(on.code).toBe(0);
      expect(on.stderr).toBe('');
      const since = new RegExp(`^Maintenance mode is ON since (${ISO_INSTANT})\\.\\n$`).exec(
        on.stdout,
      );
      const onAt = Date.parse(since?.[1] ?? '');
      expect(onAt).toBeGreaterThanOrEqual(before);
      expect(onAt).toBeLessThanOrEqual(after);
      expect((await cli(env, 'maintenance', 'status')).stdout).toBe(on.stdout);

      const off = await cli(env, 'maintenance', 'off');
      expect(off.code).toBe(0);
      const offSince = new RegExp(`^Maintenance mode is OFF since (${ISO_INSTANT})\\.\\n$`).exec(
        off.stdout,
      );
      expect(Date.parse(offSince?.[1] ?? '')).toBeGreaterThan(onAt);
      expect((await cli(env, 'maintenance', 'status')).stdout).toBe(off.stdout);
    },
    SEVERAL_PROCESSES,
  );

  it('refuses an unknown maintenance action with exit code 1', async () => {
    const { env } = await place.fresh();
    expect(await cli(env, 'maintenance', 'maybe')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'strata: Unknown action "maybe": expected on, off or status.\n',
    });
  });
});

describe.runIf(testDatabaseKind === 'embedded')(
  'the CLI while a server owns the embedded data directory',
  () => {
    let dataDir: string;
    let server: RunningServer;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'strata-cli-owned-'));
      server = await spawnServer({ DATA_DIR: dataDir });
    });
    afterAll(async () => {
      await server.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    });
    const cli = (args: string[], input?: string) =>
      runToEnd('src/cli.ts', args, { DATA_DIR: dataDir }, input);
    const owner = () =>
      `strata: A running server (pid ${server.process.pid}) owns the embedded database in ${dataDir}`;
    const signsIn = async (email: string, password: string) =>
      (await graphql(server.url, LoginDocument, { input: { email, password } })).body.data?.login
        .auth?.user.email ?? null;

    it('refuses db migrate: the server applied the migrations when it started', async () => {
      expect(await cli(['db', 'migrate'])).toEqual({
        code: 1,
        stdout: '',
        stderr: `${owner()} and applied its migrations when it started. Stop it to migrate from here.\n`,
      });
    });

    it('refuses db seed, and seeds nothing', async () => {
      expect(await cli(['db', 'seed', '--users', '1', '--todos', '1'])).toEqual({
        code: 1,
        stdout: '',
        stderr: `${owner()}. Stop it to seed, or seed a PostgreSQL database (DATABASE_URL).\n`,
      });
      expect(await signsIn('seed-user-0@example.com', 'strata-seed-password')).toBeNull();
    });

    it('refuses user create-admin, and creates nobody', async () => {
      const result = await cli(
        ['user', 'create-admin', '--email', 'late@example.com'],
        'an admin password!\n',
      );
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `${owner()}. Stop it, create the administrator, and start it again.\n`,
      });
      expect(await signsIn('late@example.com', 'an admin password!')).toBeNull();
    });
  },
);
