import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticateHandler,
  type AuthView,
  LogoutEverywhereHandler,
  LogoutHandler,
  RefreshSessionHandler,
  RegisterUserHandler,
} from '#modules/identity/application/index.js';
import { buildTestContainer, type TestContainer } from '../../support/test-container.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const DAY = 86_400_000;

describe('sessions: rotation, reuse, expiry, sign-out', () => {
  let database: TestDatabase;
  let setup: TestContainer;
  let refresh: RefreshSessionHandler;
  let authenticate: AuthenticateHandler;
  let signedIn: AuthView;

  beforeEach(async () => {
    database = await openTestDatabase();
    setup = buildTestContainer(database);
    refresh = setup.container.get(RefreshSessionHandler);
    authenticate = setup.container.get(AuthenticateHandler);
    const registered = await setup.container.get(RegisterUserHandler).execute({
      email: 'ada@example.com',
      password: 'correct horse battery',
      displayName: 'Ada',
    });
    if (!registered.ok) {
      throw new Error('registration failed');
    }
    signedIn = registered.value;
  });
  afterEach(async () => {
    await database.close();
  });

  const refreshWith = async (sessionToken: string) => refresh.execute({ sessionToken });
  const codeOf = (result: Awaited<ReturnType<typeof refreshWith>>) =>
    result.ok ? 'OK' : result.error.code;
  const viewerOf = (view: AuthView) => authenticate.execute({ accessToken: view.accessToken });

  it('Refresh with a current token returns new tokens and retires the old one', async () => {
    setup.clock.advance(60_000);
    const next = await refreshWith(signedIn.sessionToken);
    expect(next.ok).toBe(true);
    if (!next.ok) {
      return;
    }
    expect(next.value.sessionToken).not.toBe(signedIn.sessionToken);
    expect(next.value.sessionToken.split('.')[0]).not.toBe(signedIn.sessionToken.split('.')[0]);
    expect(next.value.user.id).toBe(signedIn.user.id);
    expect(await viewerOf(next.value)).toMatchObject({
      userId: signedIn.user.id,
      role: 'USER',
      user: { id: signedIn.user.id },
    });
    expect(codeOf(await refreshWith(next.value.sessionToken))).toBe('OK');
  });

  it('Refresh with a rotated token is reuse and ends the whole family', async () => {
    const next = await refreshWith(signedIn.sessionToken);
    if (!next.ok) {
      throw new Error('refresh failed');
    }
    const replay = await refreshWith(signedIn.sessionToken);
    expect(replay.ok ? null : replay.error).toMatchObject({
      code: 'SESSION_REUSED',
      field: 'sessionToken',
    });
    // The legitimate holder is signed out too: both tokens of the family are dead.
    expect(codeOf(await refreshWith(next.value.sessionToken))).toBe('SESSION_REVOKED');
    expect(await viewerOf(next.value)).toBeNull();
    expect(await viewerOf(signedIn)).toBeNull();
  });

  it('Refresh twice at once with one token exactly one succeeds', async () => {
    const results = await Promise.all([
      refreshWith(signedIn.sessionToken),
      refreshWith(signedIn.sessionToken),
    ]);
    expect(results.map(codeOf).sort()).toEqual(['OK', 'SESSION_REUSED']);
  });

  it('Refresh after the idle timeout is expired', async () => {
    setup.clock.advance(7 * DAY);
    expect(codeOf(await refreshWith(signedIn.sessionToken))).toBe('SESSION_EXPIRED');
  });

  it('Refresh keeps the session alive while used but not past thirty days', async () => {
    let token = signedIn.sessionToken;
    for (let day = 6; day < 30; day += 6) {
      setup.clock.advance(6 * DAY);
      const next = await refreshWith(token);
      expect(codeOf(next)).toBe('OK');
      token = next.ok ? next.value.sessionToken : token;
    }
    setup.clock.advance(6 * DAY);
    expect(codeOf(await refreshWith(token))).toBe('SESSION_EXPIRED');
  });

  it.each([
    ['garbage', 'not a token'],
    [
      'an unknown session',
      '00000000-0000-4000-8000-00000000ffff.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ],
    ['a wrong secret', 'SESSION.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an id shaped like no UUID', `${'-'.repeat(36)}.${'A'.repeat(43)}`],
  ])('Refresh_WithATokenThatIs_%s_IsInvalidSession', async (_, token) => {
    const presented = token.replace('SESSION', signedIn.sessionToken.split('.')[0] ?? '');
    expect(codeOf(await refreshWith(presented))).toBe('INVALID_SESSION');
    expect(codeOf(await refreshWith(signedIn.sessionToken))).toBe('OK');
  });

  it('Logout ends the sign in including earlier rotations', async () => {
    const next = await refreshWith(signedIn.sessionToken);
    if (!next.ok) {
      throw new Error('refresh failed');
    }
    const logout = await setup.container
      .get(LogoutHandler)
      .execute({ sessionToken: next.value.sessionToken });
    expect(logout.ok).toBe(true);
    expect(codeOf(await refreshWith(next.value.sessionToken))).toBe('SESSION_REVOKED');
    expect(await viewerOf(next.value)).toBeNull();
    expect(await viewerOf(signedIn)).toBeNull();
    // Signing out twice is fine.
    expect(
      (await setup.container.get(LogoutHandler).execute({ sessionToken: next.value.sessionToken }))
        .ok,
    ).toBe(true);
  });

  it('Logout with a forged token is invalid session and ends nothing', async () => {
    const forged = `${signedIn.sessionToken.split('.')[0]}.${'B'.repeat(43)}`;
    const logout = await setup.container.get(LogoutHandler).execute({ sessionToken: forged });
    expect(logout.ok ? 'OK' : logout.error.code).toBe('INVALID_SESSION');
    expect(await viewerOf(signedIn)).toMatchObject({
      userId: signedIn.user.id,
      role: 'USER',
      user: { id: signedIn.user.id },
    });
  });

  it('LogoutEverywhere ends every session of the user only', async () => {
    const login = await setup.container.get(RegisterUserHandler).execute({
      email: 'grace@example.com',
      password: 'another long password',
      displayName: 'Grace',
    });
    const ended = await setup.container
      .get(LogoutEverywhereHandler)
      .execute({ userId: signedIn.user.id });
    expect(ended).toBe(1);
    expect(await viewerOf(signedIn)).toBeNull();
    expect(codeOf(await refreshWith(signedIn.sessionToken))).toBe('SESSION_REVOKED');
    expect(login.ok && (await viewerOf(login.value))).toMatchObject({ role: 'USER' });
  });

  it('Authenticate past the sessions absolute end gives no viewer even with an unexpired token', async () => {
    // Kept alive by refreshing every 6 days, then refreshed 5 minutes before the 30-day end.
    let token = signedIn.sessionToken;
    let last: AuthView | null = null;
    for (const step of [6, 6, 6, 6].map((days) => days * DAY).concat(6 * DAY - 5 * 60_000)) {
      setup.clock.advance(step);
      const next = await refreshWith(token);
      if (!next.ok) {
        throw new Error(`refresh failed: ${next.error.code}`);
      }
      token = next.value.sessionToken;
      last = next.value;
    }
    const late = last;
    if (!late) {
      throw new Error('no refresh happened');
    }
    expect(await viewerOf(late)).toMatchObject({
      userId: signedIn.user.id,
      role: 'USER',
      user: { id: signedIn.user.id },
    });
    setup.clock.advance(6 * 60_000); // the token has 9 minutes left; the session has ended
    expect(await viewerOf(late)).toBeNull();
  });

  it('LogoutEverywhere counts only sessions that were still open', async () => {
    setup.clock.advance(31 * DAY);
    const ended = await setup.container
      .get(LogoutEverywhereHandler)
      .execute({ userId: signedIn.user.id });
    expect(ended).toBe(0);
  });

  it('Authenticate with an expired access token gives no viewer', async () => {
    expect(await viewerOf(signedIn)).toMatchObject({
      userId: signedIn.user.id,
      role: 'USER',
      user: { id: signedIn.user.id },
    });
    setup.clock.advance(15 * 60_000 + 1_000);
    expect(await viewerOf(signedIn)).toBeNull();
  });
});
