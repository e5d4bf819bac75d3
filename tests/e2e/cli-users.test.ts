import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openDatabase } from '#shared/infrastructure/database/open-database.js';
import { runToEnd } from '../support/processes.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

describe(`npm run cli -- user create-admin (${testDatabaseKind})`, () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    env = { DATA_DIR: dataDir };
    if (testDatabaseKind === 'postgres') {
      database = await openTestDatabase();
      env.DATABASE_URL = database.url ?? '';
    }
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const createAdmin = (password: string, ...args: string[]) =>
    runToEnd('src/cli.ts', ['user', 'create-admin', ...args], env, `${password}\n`);

  const storedUsers = async (where = env) => {
    const handle = await openDatabase({
      databaseUrl: where.DATABASE_URL,
      databasePoolMax: 2,
      dataDir: where.DATA_DIR ?? '',
    });
    try {
      return rowsOf<{ email: string; role: string; password_hash: string; display_name: string }>(
        await handle.db.execute(
          sql`select email, role, password_hash, display_name from identity.users`,
        ),
      );
    } finally {
      await handle.close();
    }
  };

  it('creates an administrator with the password read from stdin', async () => {
    const result = await createAdmin(
      'an admin password!',
      '--email',
      'Root@Example.com',
      '--name',
      'Root',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Created administrator root@example\.com \(id [0-9a-f-]{36}\)\./,
    );
    const [user] = await storedUsers();
    expect(user).toMatchObject({ email: 'root@example.com', role: 'ADMIN', display_name: 'Root' });
    expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a weak password or a taken email, naming the field, and writes nothing', async () => {
    const weak = await createAdmin('short', '--email', 'other@example.com');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: Password must be at least 12 characters.');
    const taken = await createAdmin('an admin password!', '--email', 'root@example.com');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('email: An account with this email already exists.');
    expect(await storedUsers()).toHaveLength(1);
  });

  it('names the administrator "Administrator" when --name is not given', async () => {
    // A data directory (and database) of its own: no other test's users in it.
    const ownDir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const own = testDatabaseKind === 'postgres' ? await openTestDatabase() : undefined;
    const ownEnv = { DATA_DIR: ownDir, ...(own ? { DATABASE_URL: own.url ?? '' } : {}) };
    try {
      const result = await runToEnd(
        'src/cli.ts',
        ['user', 'create-admin', '--email', 'admin@example.com'],
        ownEnv,
        'an admin password!\n',
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Created administrator admin@example\.com \(id [0-9a-f-]{36}\)\.\n$/,
      );
      const users = await storedUsers(ownEnv);
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({
        email: 'admin@example.com',
        role: 'ADMIN',
        display_name: 'Administrator',
      });
    } finally {
      await own?.close();
      rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('has no way to take the password from the command line', async () => {
    const result = await createAdmin(
      '',
      '--email',
      'x@example.com',
      '--password',
      'on the command line',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown option '--password'");
  });
});
