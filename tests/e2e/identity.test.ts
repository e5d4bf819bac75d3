import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LoginDocument,
  LogoutDocument,
  LogoutEverywhereDocument,
  MeDocument,
  RefreshSessionDocument,
  RegisterDocument,
  SetMaintenanceModeDocument,
  UserDocument,
  UsersDocument,
  type UsersQuery,
} from '../../schema/generated/graphql.js';
import { signInAsAdmin } from '../support/accounts.js';
import { type GraphQLResponse, graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `<session id (a UUID)>.<secret (base64url, 256 bits at least)>` */
const SESSION_TOKEN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{43,}$/;

/** The claims of a JWT, read without checking its signature (the server checks that). */
const claimsOf = (token: string | undefined): Record<string, unknown> => {
  const parts = (token ?? '').split('.');
  expect(parts).toHaveLength(3);
  const [header, payload] = parts
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
  return payload as Record<string, unknown>;
};

describe('identity over HTTP', () => {
  let server: TestServer;
  let adminToken: string;
  let userToken: string;
  let userId: string;

  beforeAll(async () => {
    server = await startTestServer();
    adminToken = (await signInAsAdmin(server)).token;
    const user = await graphql(server.url, RegisterDocument, {
      input: { email: 'grace@example.com', password: 'a user password here', displayName: 'Grace' },
    });
    userToken = user.body.data?.register.auth?.accessToken ?? '';
    userId = user.body.data?.register.auth?.user.id ?? '';
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs up, knows the viewer, refreshes, signs out, and then refuses the old tokens', async () => {
    // Tokens are issued in whole seconds, between these two instants.
    const issuedFrom = Math.floor(Date.now() / 1000) * 1000;
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email: 'Ada@Example.com', password: 'correct horse battery', displayName: 'Ada' },
    });
    const issuedBy = Date.now();
    const auth = registered.body.data?.register.auth;
    expect(registered.body.data?.register.userErrors).toEqual([]);
    expect(auth?.user).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'USER',
    });
    expect(auth?.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(auth?.sessionToken).toMatch(SESSION_TOKEN);
    // The access token is valid for 900 s (ACCESS_TOKEN_TTL_SECONDS) from its issue.
    const expiresAt = Date.parse(auth?.accessTokenExpiresAt ?? '');
    expect(expiresAt).toBeGreaterThanOrEqual(issuedFrom + 900_000);
    expect(expiresAt).toBeLessThanOrEqual(issuedBy + 900_000);
    expect(claimsOf(auth?.accessToken)).toEqual({
      sub: auth?.user.id,
      sid: auth?.sessionToken.split('.')[0],
      role: 'USER',
      iss: 'strata',
      aud: 'strata',
      iat: expiresAt / 1000 - 900,
      exp: expiresAt / 1000,
    });

    const me = await graphql(server.url, MeDocument, {}, bearer(auth?.accessToken ?? ''));
    expect(me.body.data?.me).toMatchObject({ id: auth?.user.id, email: 'ada@example.com' });

    const refreshed = await graphql(server.url, RefreshSessionDocument, {
      sessionToken: auth?.sessionToken ?? '',
    });
    const next = refreshed.body.data?.refreshSession.auth;
    expect(next?.sessionToken).toMatch(SESSION_TOKEN);
    expect(next?.sessionToken.split('.')[0]).not.toBe(auth?.sessionToken.split('.')[0]);
    expect(claimsOf(next?.accessToken)).toMatchObject({
      sub: auth?.user.id,
      sid: next?.sessionToken.split('.')[0],
      role: 'USER',
    });

    const loggedOut = await graphql(server.url, LogoutDocument, {
      sessionToken: next?.sessionToken ?? '',
    });
    expect(loggedOut.body.data?.logout).toEqual({ success: true, userErrors: [] });

    for (const token of [auth?.accessToken, next?.accessToken]) {
      const after = await graphql(server.url, MeDocument, {}, bearer(token ?? ''));
      expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    for (const sessionToken of [auth?.sessionToken, next?.sessionToken]) {
      const again = await graphql(server.url, RefreshSessionDocument, {
        sessionToken: sessionToken ?? '',
      });
      expect(again.body.data?.refreshSession.auth).toBeNull();
      expect(again.body.data?.refreshSession.userErrors[0]?.code).toMatch(
        /^SESSION_(REUSED|REVOKED)$/,
      );
    }
  });

  it('answers me with null when no token is sent', async () => {
    const me = await graphql(server.url, MeDocument);
    expect(me.body).toEqual({ data: { me: null } });
  });

  it.each([
    ['a malformed header', 'Token abc'],
    ['a forged token', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
    ['garbage', 'Bearer not-a-jwt'],
    ['a header with extra parts', 'Bearer a b'],
  ])('answers UNAUTHENTICATED to %s', async (_, authorization) => {
    const me = await graphql(server.url, MeDocument, {}, { authorization });
    expect(me.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still lets a client with a stale bearer token refresh its session', async () => {
    const login = await graphql(server.url, LoginDocument, {
      input: { email: 'grace@example.com', password: 'a user password here' },
    });
    const refreshed = await graphql(
      server.url,
      RefreshSessionDocument,
      { sessionToken: login.body.data?.login.auth?.sessionToken ?? '' },
      bearer('expired.or.forged'),
    );
    const auth = refreshed.body.data?.refreshSession.auth;
    expect(auth?.user).toEqual({
      id: userId,
      email: 'grace@example.com',
      displayName: 'Grace',
      role: 'USER',
    });
    expect(auth?.sessionToken).toMatch(SESSION_TOKEN);
    expect(claimsOf(auth?.accessToken)).toMatchObject({ sub: userId, role: 'USER' });
    const me = await graphql(server.url, MeDocument, {}, bearer(auth?.accessToken ?? ''));
    expect(me.body.data?.me).toMatchObject({ id: userId, email: 'grace@example.com' });
  });

  it('reports login failures as userErrors, the same for unknown emails', async () => {
    const wrong = await graphql(server.url, LoginDocument, {
      input: { email: 'grace@example.com', password: 'not her password' },
    });
    const unknown = await graphql(server.url, LoginDocument, {
      input: { email: 'nobody@example.com', password: 'not her password' },
    });
    expect(wrong.body.data?.login).toEqual(unknown.body.data?.login);
    expect(wrong.body.data?.login.userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS', field: null, message: 'The email or password is incorrect.' },
    ]);
  });

  it('refuses a password with half of a surrogate pair at sign-up, and never matches one at sign-in', async () => {
    // Sent as JSON escapes, as a client holding such a string would serialize it.
    const body = (query: string) =>
      `{"query":${JSON.stringify(query)},"variables":{"p":"a long password \\ud800"}}`;
    const send = async (query: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(query),
      });
      return (await response.json()) as {
        data: Record<string, { userErrors: unknown[]; auth: unknown }>;
      };
    };
    const signUp = await send(
      'mutation ($p: String!) { register(input: { email: "surrogate@example.com", password: $p, displayName: "S" }) { auth { accessToken } userErrors { code field } } }',
    );
    expect(signUp.data.register).toEqual({
      auth: null,
      userErrors: [{ code: 'INVALID_PASSWORD', field: 'password' }],
    });
    await graphql(server.url, RegisterDocument, {
      input: {
        email: 'surrogate@example.com',
        password: 'a long password \ufffd',
        displayName: 'S',
      },
    });
    const signIn = await send(
      'mutation ($p: String!) { login(input: { email: "surrogate@example.com", password: $p }) { auth { accessToken } userErrors { code } } }',
    );
    expect(signIn.data.login).toEqual({
      auth: null,
      userErrors: [{ code: 'INVALID_CREDENTIALS' }],
    });
  });

  it('answers RATE_LIMITED with the time to retry after five failures from one address, across aliases', async () => {
    const attempts = Array.from(
      { length: 6 },
      (_, i) =>
        `a${i}: login(input: { email: "target@example.com", password: "guess number ${i}" }) { userErrors { code } }`,
    ).join('\n');
    const response = await postGraphQL<Record<string, unknown>>(server.url, {
      query: `mutation { ${attempts} }`,
    });
    const error = response.body.errors?.[0];
    expect(error?.path).toEqual(['a5']);
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
  });

  it('shows a user’s email to that user and admins only', async () => {
    const asAdmin = await graphql(server.url, UserDocument, { id: userId }, bearer(adminToken));
    expect(asAdmin.body.data?.user).toMatchObject({ id: userId, email: 'grace@example.com' });
    const other = await graphql(server.url, RegisterDocument, {
      input: { email: 'eve@example.com', password: 'eve has a password', displayName: 'Eve' },
    });
    const eveId = other.body.data?.register.auth?.user.id ?? '';
    const asAdminEve = await graphql(server.url, UserDocument, { id: eveId }, bearer(adminToken));
    expect(asAdminEve.body.data?.user?.email).toBe('eve@example.com');
    const asEve = await graphql(
      server.url,
      MeDocument,
      {},
      bearer(other.body.data?.register.auth?.accessToken ?? ''),
    );
    expect(asEve.body.data?.me).toMatchObject({ id: eveId, email: 'eve@example.com' });
  });

  describe('admin-only fields', () => {
    const grace = () => ({
      id: userId,
      email: 'grace@example.com',
      displayName: 'Grace',
    });
    const cases = [
      [
        'user(id)',
        () => graphql(server.url, UserDocument, { id: userId }, headersFor()),
        () => ({ user: { ...grace(), role: 'USER' } }),
      ],
      [
        'users',
        () => graphql(server.url, UsersDocument, { first: 5 }, headersFor()),
        () => ({
          users: expect.objectContaining({
            edges: expect.arrayContaining([{ cursor: expect.any(String), node: grace() }]),
          }),
        }),
      ],
      [
        'setMaintenanceMode',
        () => graphql(server.url, SetMaintenanceModeDocument, { enabled: false }, headersFor()),
        // Never switched on in this server: off, and never changed.
        () => ({ setMaintenanceMode: { maintenance: false, maintenanceChangedAt: null } }),
      ],
    ] as const;
    let current: Record<string, string> = {};
    const headersFor = () => current;

    it.each(cases)('refuses %s to anonymous callers with UNAUTHENTICATED', async (_, call) => {
      current = {};
      expect((await call()).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it.each(cases)('refuses %s to signed-in users with FORBIDDEN', async (_, call) => {
      current = bearer(userToken);
      expect((await call()).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it.each(cases)('allows %s to admins', async (_, call, expected) => {
      current = bearer(adminToken);
      const response = await call();
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(expected());
    });
  });

  it('answers null, not an error, for an id that is no UUID', async () => {
    const response = await graphql(
      server.url,
      UserDocument,
      { id: 'not-a-uuid' },
      bearer(adminToken),
    );
    expect(response.body).toEqual({ data: { user: null } });
  });

  it('answers null, not an error, for a well-formed UUID that names no user', async () => {
    const response = await graphql(
      server.url,
      UserDocument,
      { id: '00000000-0000-4000-8000-0000000000aa' },
      bearer(adminToken),
    );
    expect(response.body).toEqual({ data: { user: null } });
  });

  it('answers INVALID_SESSION, not an error, for a session token with a malformed id', async () => {
    const sessionToken = `${'-'.repeat(36)}.${'A'.repeat(43)}`;
    const refreshed = await graphql(server.url, RefreshSessionDocument, { sessionToken });
    expect(refreshed.body.data?.refreshSession.userErrors[0]?.code).toBe('INVALID_SESSION');
    const logout = await graphql(server.url, LogoutDocument, { sessionToken });
    expect(logout.body.data?.logout.userErrors[0]?.code).toBe('INVALID_SESSION');
  });

  it('lets an admin switch maintenance mode over GraphQL, even while it is on', async () => {
    const on = await graphql(
      server.url,
      SetMaintenanceModeDocument,
      { enabled: true },
      bearer(adminToken),
    );
    expect(on.body.data?.setMaintenanceMode.maintenance).toBe(true);
    const blocked = await graphql(server.url, MeDocument, {}, bearer(userToken));
    expect(blocked.status).toBe(503);
    // An admin whose token expired can still sign in to turn it off.
    const signIn = await graphql(server.url, LoginDocument, {
      input: { email: 'root@example.com', password: 'an administrator password' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.data?.login.auth?.user.role).toBe('ADMIN');
    const off = await graphql(
      server.url,
      SetMaintenanceModeDocument,
      { enabled: false },
      bearer(adminToken),
    );
    expect(off.status).toBe(200);
    expect(off.body.data?.setMaintenanceMode.maintenance).toBe(false);
    expect((await graphql(server.url, MeDocument, {}, bearer(userToken))).status).toBe(200);
  });

  it('ends every session of the viewer with logoutEverywhere', async () => {
    const login = await graphql(server.url, LoginDocument, {
      input: { email: 'grace@example.com', password: 'a user password here' },
    });
    const token = login.body.data?.login.auth?.accessToken ?? '';
    const ended = await graphql(server.url, LogoutEverywhereDocument, {}, bearer(token));
    expect(ended.body.data?.logoutEverywhere.endedSessions).toBeGreaterThanOrEqual(2);
    const me = await graphql(server.url, MeDocument, {}, bearer(token));
    expect(me.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await graphql(server.url, LogoutEverywhereDocument);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the users list over HTTP', () => {
  let server: TestServer;
  let adminToken: string;
  // Every user of this server: the administrator first, then three who signed up.
  const everyone = [
    { email: 'root@example.com', displayName: 'Root' },
    { email: 'ada@example.com', displayName: 'Ada' },
    { email: 'grace@example.com', displayName: 'Grace' },
    { email: 'eve@example.com', displayName: 'Eve' },
  ];
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await signInAsAdmin(server);
    adminToken = admin.token;
    ids.push(admin.id);
    for (const { email, displayName } of everyone.slice(1)) {
      const registered = await graphql(server.url, RegisterDocument, {
        input: { email, password: 'a user password here', displayName },
      });
      ids.push(registered.body.data?.register.auth?.user.id ?? '');
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it('shows an admin every user, each with their email', async () => {
    const response = await graphql(server.url, UsersDocument, { first: 100 }, bearer(adminToken));
    const users = response.body.data?.users;
    expect(users?.totalCount).toBe(4);
    const byEmail = (a: { email: string | null }, b: { email: string | null }) =>
      String(a.email).localeCompare(String(b.email));
    expect(users?.edges.map((edge) => edge.node).sort(byEmail)).toEqual(
      everyone.map((person, i) => ({ id: ids[i], ...person })).sort(byEmail),
    );
    expect(users?.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: users?.edges[0]?.cursor,
      endCursor: users?.edges[3]?.cursor,
    });
  });

  it('pages through users with opaque cursors and checks its arguments', async () => {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 4; page += 1) {
      const response: GraphQLResponse<UsersQuery> = await graphql(
        server.url,
        UsersDocument,
        { first: 1, after },
        bearer(adminToken),
      );
      const users = response.body.data?.users;
      expect(users?.totalCount).toBe(4);
      expect(users?.edges).toHaveLength(1);
      expect(users?.pageInfo).toEqual({
        hasNextPage: page < 3,
        hasPreviousPage: false,
        startCursor: users?.edges[0]?.cursor,
        endCursor: users?.edges[0]?.cursor,
      });
      seen.push(users?.edges[0]?.node.id ?? '');
      after = users?.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual([...ids].sort());

    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ first: 5, after: 'bm90LWEtY3Vyc29y' }, 'after'],
      [{ first: 5, after: Buffer.from('{"k":"todos","id":"x"}').toString('base64url') }, 'after'],
      [
        {
          first: 5,
          after: Buffer.from('{"k":"users","createdAt":"soon","id":"x"}').toString('base64url'),
        },
        'after',
      ],
    ] as const) {
      const response = await graphql(server.url, UsersDocument, variables, bearer(adminToken));
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });
});
