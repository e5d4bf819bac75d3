import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LoginHandler,
  LoginThrottled,
  RegisterUserHandler,
} from '#modules/identity/application/index.js';
import {
  USER_READ_MODEL,
  type UserReadModel,
} from '#modules/identity/application/ports/user.read-model.js';
import {
  USER_REPOSITORY,
  type UserRepository,
} from '#modules/identity/application/ports/user.repository.js';
import { Email } from '#modules/identity/domain/email.js';
import { FastHasher } from '../../doubles/fast-hasher.js';
import { buildTestContainer, type TestContainer } from '../../support/test-container.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const ada = { email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada' };

describe('accounts: registration and sign-in', () => {
  let database: TestDatabase;
  let setup: TestContainer;
  let register: RegisterUserHandler;
  let login: LoginHandler;
  let users: UserReadModel;

  beforeEach(async () => {
    database = await openTestDatabase();
    setup = buildTestContainer(database);
    register = setup.container.get(RegisterUserHandler);
    login = setup.container.get(LoginHandler);
    users = setup.container.get<UserReadModel>(USER_READ_MODEL);
  });
  afterEach(async () => {
    await database.close();
  });

  const codes = (result: { ok: boolean; error?: unknown }) =>
    result.ok
      ? []
      : [(result as { error: { code: string } | { code: string }[] }).error]
          .flat()
          .map((e) => e.code);

  it('Register with valid input creates user and signs in', async () => {
    const result = await register.execute({ ...ada, email: '  Ada@Example.COM ' });
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    expect(result.value.user).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'USER',
    });
    expect(result.value.accessToken.split('.')).toHaveLength(3);
    expect(result.value.sessionToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(await users.count()).toBe(1);
  });

  it('Register with every field invalid reports each field and writes nothing', async () => {
    const result = await register.execute({
      email: 'not-an-email',
      password: 'short',
      displayName: ' ',
    });
    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    expect(result.error.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_EMAIL', field: 'email' },
      { code: 'INVALID_DISPLAY_NAME', field: 'displayName' },
      { code: 'PASSWORD_TOO_SHORT', field: 'password' },
    ]);
    expect(await users.count()).toBe(0);
    expect(setup.hasher.hashes).toBe(0);
  });

  it('Register with overlong password refuses without hashing', async () => {
    const result = await register.execute({ ...ada, password: 'x'.repeat(10_000) });
    expect(codes(result)).toEqual(['PASSWORD_TOO_LONG']);
    expect(setup.hasher.hashes).toBe(0);
  });

  it('Register with taken email in any case is email taken', async () => {
    await register.execute(ada);
    const again = await register.execute({ ...ada, email: 'ADA@example.com' });
    expect(codes(again)).toEqual(['EMAIL_TAKEN']);
    expect(await users.count()).toBe(1);
  });

  it('Register twice at once with one email one wins one is email taken', async () => {
    const results = await Promise.all([register.execute(ada), register.execute(ada)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(['EMAIL_TAKEN']);
    expect(await users.count()).toBe(1);
  });

  it('Login with right password signs in', async () => {
    await register.execute(ada);
    const result = await login.execute({
      email: ' ADA@example.com',
      password: ada.password,
      clientAddress: OWNER,
    });
    expect(result.ok && result.value.user.email).toBe('ada@example.com');
  });

  it('Login with wrong password or unknown email gives the same answer after the same work', async () => {
    await register.execute(ada);
    const before = setup.hasher.verifications;
    const wrong = await tryLogin(ada.email, 'wrong password here');
    const unknown = await tryLogin('nobody@example.com', ada.password);
    expect(codes(wrong)).toEqual(['INVALID_CREDENTIALS']);
    expect(codes(unknown)).toEqual(['INVALID_CREDENTIALS']);
    expect(wrong.ok ? null : wrong.error).toEqual(unknown.ok ? null : unknown.error);
    expect(setup.hasher.verifications - before).toBe(2);
  });

  const ATTACKER = '203.0.113.7';
  const OWNER = '198.51.100.20';
  const tryLogin = (email: string, password: string, clientAddress = ATTACKER) =>
    login.execute({ email, password, clientAddress });
  const waitOf = (result: Awaited<ReturnType<typeof tryLogin>>) =>
    !result.ok && result.error instanceof LoginThrottled ? result.error.retryAfterSeconds : 0;

  it('Login after five failures for one email from one address makes that address wait 1 s, then 2 s, then 4 s', async () => {
    await register.execute(ada);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(codes(await tryLogin(ada.email, 'wrong password!'))).toEqual(['INVALID_CREDENTIALS']);
    }
    expect(waitOf(await tryLogin(ada.email, ada.password))).toBe(1);
    setup.clock.advance(1_000);
    expect(codes(await tryLogin(ada.email, 'wrong password!'))).toEqual(['INVALID_CREDENTIALS']);
    expect(waitOf(await tryLogin(ada.email, ada.password))).toBe(2);
    setup.clock.advance(2_000);
    expect(codes(await tryLogin(ada.email, 'wrong password!'))).toEqual(['INVALID_CREDENTIALS']);
    expect(waitOf(await tryLogin(ada.email, ada.password))).toBe(4);
    setup.clock.advance(4_000);
    expect((await tryLogin(ada.email, ada.password)).ok).toBe(true);
  });

  it('Login failures are forgotten fifteen minutes after they happened', async () => {
    await register.execute(ada);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await tryLogin(ada.email, 'wrong password!');
    }
    expect(waitOf(await tryLogin(ada.email, ada.password))).toBe(1);
    setup.clock.advance(15 * 60 * 1_000 + 1);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await tryLogin(ada.email, 'wrong password!');
    }
    expect((await tryLogin(ada.email, ada.password)).ok).toBe(true);
  });

  it('Login by the owner from another address succeeds while an attacker is throttled for that email', async () => {
    await register.execute(ada);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await tryLogin(ada.email, 'wrong password!');
    }
    expect(waitOf(await tryLogin(ada.email, 'wrong password!'))).toBeGreaterThan(0);
    expect((await tryLogin(ada.email, ada.password, OWNER)).ok).toBe(true);
  });

  it('Login spraying many emails from one address is throttled after twenty failures, for any email', async () => {
    await register.execute(ada);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(codes(await tryLogin(`user${attempt}@example.com`, 'Summer2026!'))).toEqual([
        'INVALID_CREDENTIALS',
      ]);
    }
    expect(waitOf(await tryLogin('user20@example.com', 'Summer2026!'))).toBe(1);
    expect(waitOf(await tryLogin(ada.email, ada.password))).toBe(1);
    expect((await tryLogin(ada.email, ada.password, OWNER)).ok).toBe(true);
  });

  it('Login race of many attempts from one address checks only the first five', async () => {
    await register.execute(ada);
    const results = await Promise.all(
      Array.from({ length: 14 }, () => tryLogin(ada.email, 'wrong password!')),
    );
    expect(results.filter((result) => waitOf(result) > 0)).toHaveLength(9);
    expect(setup.hasher.verifications).toBeGreaterThanOrEqual(5);
  });

  it('Login when successful clears earlier failures for that email from that address', async () => {
    await register.execute(ada);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await tryLogin(ada.email, 'wrong password!');
    }
    expect((await tryLogin(ada.email, ada.password)).ok).toBe(true);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await tryLogin(ada.email, 'wrong password!');
    }
    expect((await tryLogin(ada.email, ada.password)).ok).toBe(true);
  });

  it('Login with a hash below the configured cost rehashes the password', async () => {
    await register.execute(ada);
    const stronger = new FastHasher(2);
    const upgraded = buildTestContainer(database, stronger);
    const result = await upgraded.container
      .get(LoginHandler)
      .execute({ ...ada, clientAddress: OWNER });
    expect(result.ok).toBe(true);
    expect(stronger.hashes).toBe(2); // the decoy, made once, and the new hash
    expect(stronger.needsRehash(await storedHash(upgraded))).toBe(false);
    expect(
      (await upgraded.container.get(LoginHandler).execute({ ...ada, clientAddress: OWNER })).ok,
    ).toBe(true);
  });
});

async function storedHash({ container }: TestContainer): Promise<string> {
  const email = Email.parse(ada.email);
  const user = email.ok
    ? await container.get<UserRepository>(USER_REPOSITORY).findByEmail(email.value)
    : null;
  return user?.passwordHash ?? '';
}
