import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import { Outbox } from '#shared/infrastructure/outbox/outbox.js';
import {
  CompleteTodoDocument,
  CreateTodoDocument,
  DeleteTodoDocument,
  EditTodoDocument,
  LogoutEverywhereDocument,
  RegisterDocument,
  ServiceContextChangedDocument,
  type ServiceContextChangedSubscription,
  TagTodoDocument,
  TodoEventsDocument,
} from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { follow, liveClient, rawConnection } from '../support/live-client.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TODO_EVENTS = `subscription ($after: String) {
  todoEvents(after: $after) { kind todoId cursor tags todo { id content tags completed version } }
}`;

describe('GraphQL subscriptions over WebSocket', () => {
  let server: TestServer;
  let signUps = 0;

  const signUp = async () => {
    signUps += 1;
    const email = `live-${signUps}@example.com`;
    const response = await graphql(server.url, RegisterDocument, {
      input: { email, password: 'a long enough password', displayName: `Live ${signUps}` },
    });
    const auth = response.body.data?.register.auth;
    if (!auth) {
      throw new Error(JSON.stringify(response.body));
    }
    return {
      token: auth.accessToken,
      sessionToken: auth.sessionToken,
      id: auth.user.id,
      headers: { authorization: `Bearer ${auth.accessToken}` },
    };
  };
  type Account = Awaited<ReturnType<typeof signUp>>;

  const create = async (account: Account, content: string, tags: string[] = []) => {
    const response = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content, tags } },
      account.headers,
    );
    const todo = response.body.data?.createTodo.todo;
    if (!todo) {
      throw new Error(JSON.stringify(response.body));
    }
    return todo;
  };

  const subscribe = (account: Account | null, after: string | null = null) => {
    const client = liveClient(server.url, account?.token ?? null);
    const followed = follow(client, TodoEventsDocument, { after });
    return { client, followed, events: () => followed.data().map((data) => data.todoEvents) };
  };

  /** A subscription is live once the server has acknowledged it: a round trip proves that. */
  const settled = () => new Promise((resolve) => setTimeout(resolve, 150));

  const switchMaintenance = (maintenance: boolean) =>
    fetch(`${server.url}/v1/service-context`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPS_TOKEN}` },
      body: JSON.stringify({ maintenance }),
    });

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        // The relay is woken by each commit; a long poll proves nothing waits for the timer.
        OUTBOX_POLL_INTERVAL_MS: '60000',
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        WS_MAX_CONNECTIONS_PER_USER: '4',
        WS_MAX_CONNECTIONS_PER_ADDRESS: '6',
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("delivers every kind of change to the owner's todos, in order, with the todo's new state", async () => {
    const ada = await signUp();
    const { client, followed, events } = subscribe(ada);
    await settled();

    const todo = await create(ada, 'water the plants', ['home']);
    await graphql(
      server.url,
      EditTodoDocument,
      { input: { id: todo.id, content: 'water the garden', expectedVersion: 1 } },
      ada.headers,
    );
    await graphql(server.url, TagTodoDocument, { id: todo.id, tags: ['garden'] }, ada.headers);
    await graphql(server.url, CompleteTodoDocument, { id: todo.id }, ada.headers);
    await graphql(server.url, DeleteTodoDocument, { id: todo.id }, ada.headers);

    await followed.received(5);
    expect(followed.results.every((result) => !result.errors)).toBe(true);
    expect(events().map(({ kind, todoId, tags }) => ({ kind, todoId, tags }))).toEqual([
      { kind: 'CREATED', todoId: todo.id, tags: [] },
      { kind: 'EDITED', todoId: todo.id, tags: [] },
      { kind: 'TAGGED', todoId: todo.id, tags: ['garden'] },
      { kind: 'COMPLETED', todoId: todo.id, tags: [] },
      { kind: 'DELETED', todoId: todo.id, tags: [] },
    ]);
    expect(events().map((event) => event.todo && { ...event.todo })).toEqual([
      expect.objectContaining({ content: 'water the plants', tags: ['home'], version: 1 }),
      expect.objectContaining({ content: 'water the garden', version: 2 }),
      expect.objectContaining({ tags: ['garden', 'home'], version: 3 }),
      expect.objectContaining({ completed: true, completedAt: expect.any(String), version: 4 }),
      null,
    ]);
    expect(new Set(events().map((event) => event.cursor)).size).toBe(5);
    await client.dispose();
  });

  it("never delivers another user's events", async () => {
    const ada = await signUp();
    const grace = await signUp();
    const adas = subscribe(ada);
    const graces = subscribe(grace);
    await settled();

    await create(ada, 'ada 1');
    await create(grace, 'grace 1');
    await create(ada, 'ada 2');

    await adas.followed.received(2);
    await graces.followed.received(1);
    // A change after both lets any stray delivery arrive before the counts are read.
    await create(grace, 'grace 2');
    await graces.followed.received(2);
    expect(adas.events().map((event) => event.todo?.content)).toEqual(['ada 1', 'ada 2']);
    expect(graces.events().map((event) => event.todo?.content)).toEqual(['grace 1', 'grace 2']);
    await adas.client.dispose();
    await graces.client.dispose();
  });

  it('resumes with after: exactly the events missed, in order, then live ones', async () => {
    const ada = await signUp();
    const first = subscribe(ada);
    await settled();
    await create(ada, 'seen 1');
    await create(ada, 'seen 2');
    await first.followed.received(2);
    const cursor = first.events()[1]?.cursor ?? '';
    await first.client.dispose();

    await create(ada, 'missed 1');
    await create(ada, 'missed 2');
    await create(ada, 'missed 3');

    const resumed = subscribe(ada, cursor);
    await resumed.followed.received(3);
    await create(ada, 'live 1');
    await resumed.followed.received(4);
    expect(resumed.events().map((event) => event.todo?.content)).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
      'live 1',
    ]);

    // Resuming from the first event gives everything after it, once.
    const again = subscribe(ada, first.events()[0]?.cursor ?? '');
    await again.followed.received(5);
    await settled();
    expect(again.events().map((event) => event.todo?.content)).toEqual([
      'seen 2',
      'missed 1',
      'missed 2',
      'missed 3',
      'live 1',
    ]);
    await resumed.client.dispose();
    await again.client.dispose();
  });

  it('refuses a cursor that is not one with BAD_USER_INPUT on after, and a purged one with CURSOR_EXPIRED', async () => {
    const ada = await signUp();
    for (const bad of ['not a cursor', Buffer.from('1:x').toString('base64url'), '']) {
      const { client, followed } = subscribe(ada, bad);
      await followed.received(1);
      expect(followed.results[0]?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
      await client.dispose();
    }

    const watcher = subscribe(ada);
    await settled();
    await create(ada, 'soon purged');
    await watcher.followed.received(1);
    const old = watcher.events()[0]?.cursor ?? '';
    await watcher.client.dispose();
    // Housekeeping's purge, with the retention run out.
    await server.app.container.get(Outbox).purgeBefore(new Date(Date.now() + 60_000));

    const { client, followed } = subscribe(ada, old);
    await followed.received(1);
    expect(followed.results[0]?.errors?.[0]).toMatchObject({
      message: expect.stringContaining('no longer kept'),
      extensions: { code: 'CURSOR_EXPIRED', field: 'after' },
    });
    await client.dispose();
  });

  it('serves serviceContextChanged to anyone and todoEvents only to a signed-in viewer', async () => {
    const anonymous = liveClient(server.url, null);
    const context = follow(anonymous, ServiceContextChangedDocument, {});
    const todos = follow(anonymous, TodoEventsDocument, { after: null });
    await todos.received(1);
    expect(todos.results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    await settled();
    expect((await switchMaintenance(true)).status).toBe(200);
    await context.received(1);
    const switched: ServiceContextChangedSubscription['serviceContextChanged'] | undefined =
      context.data()[0]?.serviceContextChanged;
    expect(switched).toMatchObject({ maintenance: true, maintenanceChangedAt: expect.any(String) });

    expect((await switchMaintenance(false)).status).toBe(200);
    await context.received(2);
    expect(context.data()[1]?.serviceContextChanged.maintenance).toBe(false);
    await anonymous.dispose();
  });

  it('refuses new todoEvents subscriptions in maintenance mode, keeps the running ones', async () => {
    const ada = await signUp();
    const running = subscribe(ada);
    await settled();
    expect((await switchMaintenance(true)).status).toBe(200);
    try {
      const refused = subscribe(ada);
      await refused.followed.received(1);
      expect(refused.followed.results[0]?.errors?.[0]?.extensions).toMatchObject({
        code: 'MAINTENANCE',
        retryAfterSeconds: 30,
      });
      await refused.client.dispose();
      const context = follow(liveClient(server.url, null), ServiceContextChangedDocument, {});
      await settled();
      expect(context.results).toEqual([]);
      context.stop();
    } finally {
      expect((await switchMaintenance(false)).status).toBe(200);
    }
    await create(ada, 'after maintenance');
    await running.followed.received(1);
    await running.client.dispose();
  });

  it('closes with 4403 on a malformed or bad token, and keeps an anonymous connection open', async () => {
    const malformed = rawConnection(server.url, { Authorization: 'Token abc' });
    await expect(malformed.acknowledged).rejects.toMatchObject({ code: 4403 });
    expect((await malformed.closed).reason).toContain('Bearer');

    const forged = rawConnection(server.url, { authorization: 'Bearer not.a.token' });
    await expect(forged.acknowledged).rejects.toMatchObject({ code: 4403 });
    expect((await forged.closed).reason).toMatch(/^Forbidden: .*invalid, expired/);

    const anonymous = rawConnection(server.url, null);
    await anonymous.acknowledged;
    anonymous.socket.close(1000);
  });

  it('closes with 4403 when the access token expires', async () => {
    const ada = await signUp();
    // The same session, with a token that expires in a second: what the server issues with a
    // short ACCESS_TOKEN_TTL_SECONDS, signed with the test configuration's secret.
    const [, claims] = ada.token.split('.');
    const { sid, role, iss, aud } = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ sid, role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(ada.id)
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt(now)
      .setExpirationTime(now + 2)
      .sign(new TextEncoder().encode('test-jwt-secret-0123456789-abcdefghij'));
    const connection = rawConnection(server.url, { Authorization: `Bearer ${shortLived}` });
    await connection.acknowledged;
    connection.send({ id: '1', type: 'subscribe', payload: { query: TODO_EVENTS } });
    const closed = await connection.closed;
    expect(closed).toEqual({ code: 4403, reason: 'Forbidden: the access token expired' });
  });

  it('closes every connection of the user with 4403 on logoutEverywhere, and no one else', async () => {
    const ada = await signUp();
    const grace = await signUp();
    const first = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    const second = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    const other = rawConnection(server.url, { Authorization: `Bearer ${grace.token}` });
    await Promise.all([first.acknowledged, second.acknowledged, other.acknowledged]);
    first.send({ id: '1', type: 'subscribe', payload: { query: TODO_EVENTS } });

    const loggedOut = await graphql(server.url, LogoutEverywhereDocument, {}, ada.headers);
    expect(loggedOut.body.errors).toBeUndefined();
    const closes = await Promise.all([first.closed, second.closed]);
    expect(closes).toEqual([
      { code: 4403, reason: 'Forbidden: the session has ended' },
      { code: 4403, reason: 'Forbidden: the session has ended' },
    ]);
    expect(other.socket.readyState).toBe(other.socket.OPEN);
    other.socket.close(1000);
  });

  it('limits subscriptions per connection and connections per user', async () => {
    const ada = await signUp();
    const connection = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    await connection.acknowledged;
    for (const id of ['1', '2', '3', '4']) {
      connection.send({ id, type: 'subscribe', payload: { query: TODO_EVENTS } });
    }
    const refused = await connection.message('error', '4');
    expect(refused.payload).toEqual([
      expect.objectContaining({
        message: 'Too many subscriptions: at most 3 on one connection.',
        extensions: {
          code: 'TOO_MANY_SUBSCRIPTIONS',
          limit: 3,
          // The connection's id and the operation's, as a request id for the logs.
          requestId: expect.stringMatching(/^[0-9a-f-]{36}\/4$/),
        },
      }),
    ]);
    // Completing one frees its place.
    connection.send({ id: '2', type: 'complete' });
    await settled();
    connection.send({ id: '5', type: 'subscribe', payload: { query: TODO_EVENTS } });
    await create(ada, 'to every subscription');
    await connection.message('next', '5');

    const more = [2, 3, 4].map(() =>
      rawConnection(server.url, { Authorization: `Bearer ${ada.token}` }),
    );
    await Promise.all(more.map((entry) => entry.acknowledged));
    const fifth = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    await expect(fifth.acknowledged).rejects.toMatchObject({
      code: 1008,
      reason: 'Too many connections: at most 4 at once',
    });
    // A closed connection frees its place.
    more[0]?.socket.close(1000);
    await more[0]?.closed;
    await expect
      .poll(async () => {
        const next = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
        try {
          await next.acknowledged;
          next.socket.close(1000);
          return true;
        } catch {
          return false;
        }
      })
      .toBe(true);
    for (const entry of [connection, ...more]) {
      entry.socket.close(1000);
    }
  });

  it('limits connections without a token per address, apart from signed-in users', async () => {
    const anonymous = Array.from({ length: 6 }, () => rawConnection(server.url, null));
    await Promise.all(anonymous.map((entry) => entry.acknowledged));
    const seventh = rawConnection(server.url, null);
    await expect(seventh.acknowledged).rejects.toMatchObject({
      code: 1008,
      reason: 'Too many connections: at most 6 at once',
    });
    // A signed-in user from the same address counts against their own limit.
    const ada = await signUp();
    const signedIn = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    await signedIn.acknowledged;
    for (const entry of [...anonymous, signedIn]) {
      entry.socket.close(1000);
    }
    await Promise.all([...anonymous, signedIn].map((entry) => entry.closed));
  });

  it('runs only subscriptions: a query over WebSocket is refused with BAD_REQUEST', async () => {
    const connection = rawConnection(server.url, null);
    await connection.acknowledged;
    connection.send({
      id: 'q',
      type: 'subscribe',
      payload: { query: '{ serviceContext { version } }' },
    });
    const refused = await connection.message('error', 'q');
    expect(refused.payload).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) }),
    ]);
    connection.send({ id: 'v', type: 'subscribe', payload: { query: 'subscription { nope }' } });
    const invalid = await connection.message('error', 'v');
    expect(invalid.payload).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    connection.socket.close(1000);
  });

  it('cuts off a client that stops reading, and only that one', async () => {
    const ada = await signUp();
    const reader = subscribe(ada);
    const stalled = rawConnection(server.url, { Authorization: `Bearer ${ada.token}` });
    await stalled.acknowledged;
    stalled.send({ id: '1', type: 'subscribe', payload: { query: TODO_EVENTS } });
    await settled();
    // The client stops reading: the kernel's buffers fill, then the server's.
    (stalled.socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const count = 20_000;
    const container = server.app.container;
    const publisher = container.get<EventPublisher>(EVENT_PUBLISHER);
    const bulk = (index: number) => {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const at = new Date();
      const todo = {
        id,
        ownerId: ada.id,
        content: `bulk ${index} ${'x'.repeat(200)}`,
        tags: [],
        completedAt: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      return { type: 'TodoCreated', todoId: id, ownerId: ada.id, todo, at };
    };
    // One transaction, in statements of 2,000 events (PostgreSQL takes 65,535 parameters).
    await container.get<TransactionRunner>(TRANSACTION_RUNNER).run(async () => {
      for (let start = 0; start < count; start += 2_000) {
        await publisher.publish(
          Array.from({ length: 2_000 }, (_, offset) => bulk(start + offset)),
          ada.id,
        );
      }
    });
    await reader.followed.received(count, 60_000);
    (stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await stalled.closed).toEqual({
      code: 1013,
      reason: 'Slow consumer: reconnect and resume with after',
    });
    expect(reader.followed.results.every((result) => !result.errors)).toBe(true);
    await reader.client.dispose();
  }, 90_000);

  it('reports open sockets and active subscriptions in /metrics', async () => {
    const ada = await signUp();
    const { client, followed } = subscribe(ada);
    await settled();
    await create(ada, 'counted');
    await followed.received(1);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(
      Number(/^strata_websocket_connections (\d+)/m.exec(metrics)?.[1]),
    ).toBeGreaterThanOrEqual(1);
    expect(Number(/^strata_subscriptions_active (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      1,
    );
    expect(metrics).toMatch(/^strata_outbox_events_relayed_total \d+/m);
    await client.dispose();
  });
});

describe('subscriptions under SERVICE_PREFIX, and at shutdown', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { SERVICE_PREFIX: '/api' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('upgrades on the prefixed GraphQL path only', async () => {
    expect(server.url).toMatch(/\/api$/);
    const prefixed = rawConnection(server.url, null);
    await prefixed.acknowledged;
    prefixed.socket.close(1000);

    const bare = new WebSocket(
      `${server.url.replace(/^http/, 'ws').replace(/\/api$/, '')}/graphql`,
      'graphql-transport-ws',
    );
    bare.on('error', () => {});
    const status = await new Promise<number>((resolve, reject) => {
      bare.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      bare.once('open', () => reject(new Error('upgraded outside the prefix')));
    });
    expect(status).toBe(404);
    bare.terminate();
  });

  it('closes open connections with 1001 "going away" on shutdown', async () => {
    const connection = rawConnection(server.url, null);
    await connection.acknowledged;
    connection.send({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { serviceContextChanged { maintenance } }' },
    });
    const closing = server.close();
    expect(await connection.closed).toEqual({
      code: 1001,
      reason: 'Server shutting down: reconnect and resume with after',
    });
    await closing;
  });
});

describe('idle pings', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { WS_PING_INTERVAL_MS: '1000' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const openSockets = async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^strata_websocket_connections (\d+)/m.exec(metrics)?.[1]);
  };

  it('keeps a connection that answers pings, and drops one that stops answering', async () => {
    const answering = rawConnection(server.url, null);
    const silent = rawConnection(server.url, null);
    await Promise.all([answering.acknowledged, silent.acknowledged]);
    expect(await openSockets()).toBe(2);
    // A peer that has gone (a sleeping laptop, a dead NAT entry) answers nothing.
    (silent.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(openSockets, { timeout: 5_000, interval: 200 }).toBe(1);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    answering.socket.close(1000);
    silent.socket.terminate();
  });
});
