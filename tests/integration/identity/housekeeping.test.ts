import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LoginHandler,
  PurgeExpiredHandler,
  RegisterUserHandler,
} from '#modules/identity/application/index.js';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { buildTestContainer, type TestContainer } from '../../support/test-container.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const DAY_MS = 86_400_000;

describe('identity housekeeping', () => {
  let database: TestDatabase;
  let setup: TestContainer;

  const count = async (table: string) =>
    Number(
      rowsOf<{ n: number }>(
        await database.db.execute(sql.raw(`select count(*)::int as n from identity.${table}`)),
      )[0]?.n,
    );

  beforeEach(async () => {
    database = await openTestDatabase();
    setup = buildTestContainer(database);
  });
  afterEach(async () => {
    await database.close();
  });

  const seed = async () => {
    const register = setup.container.get(RegisterUserHandler);
    const login = setup.container.get(LoginHandler);
    await register.execute({
      email: 'old@example.com',
      password: 'a long enough password',
      displayName: 'O',
    });
    for (let i = 0; i < 3; i += 1) {
      await login.execute({
        email: 'old@example.com',
        password: 'wrong password',
        clientAddress: '192.0.2.1',
      });
    }
    // Thirty-one days on, the first session is past its absolute lifetime; a new one is not.
    setup.clock.advance(31 * DAY_MS);
    await register.execute({
      email: 'new@example.com',
      password: 'a long enough password',
      displayName: 'N',
    });
    await login.execute({
      email: 'new@example.com',
      password: 'wrong password',
      clientAddress: '192.0.2.2',
    });
  };

  it('purges sessions past their lifetime and sign-in attempts past the window, and nothing else', async () => {
    await seed();
    expect([await count('sessions'), await count('login_attempts')]).toEqual([2, 4]);

    const outcome = await setup.container.get(PurgeExpiredHandler).execute();

    expect(outcome).toEqual({ loginAttempts: 3, sessions: 1 });
    expect([await count('sessions'), await count('login_attempts')]).toEqual([1, 1]);
    expect(await setup.container.get(PurgeExpiredHandler).execute()).toEqual({
      loginAttempts: 0,
      sessions: 0,
    });
  });

  it('purges each record once when two rounds run at once, as on two replicas', async () => {
    await seed();
    const other = buildTestContainer(database);
    other.clock.advance(31 * DAY_MS);
    const rounds = await Promise.all([
      setup.container.get(PurgeExpiredHandler).execute(),
      other.container.get(PurgeExpiredHandler).execute(),
    ]);
    // On PostgreSQL the second finds the lock taken (null); PGlite runs them in turn.
    const done = rounds.filter((round) => round !== null);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.reduce((sum, round) => sum + (round?.sessions ?? 0), 0)).toBe(1);
    expect(done.reduce((sum, round) => sum + (round?.loginAttempts ?? 0), 0)).toBe(3);
    expect([await count('sessions'), await count('login_attempts')]).toEqual([1, 1]);
  });
});
