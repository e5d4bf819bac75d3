import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTodoDocument,
  RegisterDocument,
  ServiceContextDocument,
  TodosDocument,
} from '../../schema/generated/graphql.js';
import { testDatabaseKind } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const APP = 'http://localhost:5173';

/** What a browser sends before a cross-origin POST with JSON and a bearer token. */
const preflight = (server: TestServer, origin: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });

describe('CORS', () => {
  let development: TestServer;
  let production: TestServer;
  let configured: TestServer;

  beforeAll(async () => {
    development = await startTestServer({ env: { NODE_ENV: 'development' } });
    production = await startTestServer({
      env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' },
    });
    configured = await startTestServer({
      env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com' },
    });
  });
  afterAll(async () => {
    await Promise.all([development.close(), production.close(), configured.close()]);
  });

  it('answers the preflight of a dev server on another origin, for JSON with a bearer token', async () => {
    const response = await preflight(development, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the app read the response, its request id and Retry-After', async () => {
    const response = await fetch(`${development.url}/graphql`, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
  });

  it('allows no origin in production until CORS_ORIGINS names it, and then only that one', async () => {
    const closed = await preflight(production, APP);
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const named = await preflight(configured, 'https://app.example.com');
    expect(named.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await preflight(configured, 'https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the two major GraphQL clients with their defaults', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves urql, which sends queries as GET without a preflight header, and mutations as POST', async () => {
    let token = '';
    const urql = new Client({
      url: `${server.url}/graphql`,
      exchanges: [fetchExchange],
      fetchOptions: () => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    const requests: string[] = [];
    const recording = new Client({
      url: `${server.url}/graphql`,
      exchanges: [fetchExchange],
      fetch: (input, init) => {
        requests.push(init?.method ?? 'GET');
        return fetch(input, init);
      },
    });
    const anonymous = await recording.query(ServiceContextDocument, {}).toPromise();
    expect(anonymous.error).toBeUndefined();
    expect(anonymous.data?.serviceContext.database).toBe(testDatabaseKind);
    expect(requests).toEqual(['GET']);

    const registered = await urql
      .mutation(RegisterDocument, {
        input: { email: 'urql@example.com', password: 'a long enough password', displayName: 'U' },
      })
      .toPromise();
    token = registered.data?.register.auth?.accessToken ?? '';
    expect(token).not.toBe('');
    const created = await urql
      .mutation(CreateTodoDocument, { input: { content: 'from urql', tags: ['web'] } })
      .toPromise();
    expect(created.data?.createTodo.todo?.content).toBe('from urql');
    const listed = await urql.query(TodosDocument, { first: 10 }).toPromise();
    expect(listed.data?.todos.edges.map((edge) => edge.node.content)).toEqual(['from urql']);
  });

  it('serves Apollo Client, queries and mutations as POST', async () => {
    let token = '';
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({
        uri: `${server.url}/graphql`,
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init?.headers as Record<string, string>),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          }),
      }),
    });
    const context = await client.query({ query: ServiceContextDocument });
    expect(context.data?.serviceContext.database).toBe(testDatabaseKind);
    const registered = await client.mutate({
      mutation: RegisterDocument,
      variables: {
        input: {
          email: 'apollo@example.com',
          password: 'a long enough password',
          displayName: 'A',
        },
      },
    });
    token = registered.data?.register.auth?.accessToken ?? '';
    const created = await client.mutate({
      mutation: CreateTodoDocument,
      variables: { input: { content: 'from Apollo Client', tags: [] } },
    });
    expect(created.data?.createTodo.todo?.content).toBe('from Apollo Client');
  });

  it('keeps what CSRF protection guarded: no mutation over GET, no body but JSON', async () => {
    const mutation = encodeURIComponent('mutation { logoutEverywhere { endedSessions } }');
    const viaGet = await fetch(`${server.url}/graphql?query=${mutation}`);
    expect(viaGet.status).toBe(405);
    const form = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logoutEverywhere { endedSessions } }' }),
    });
    // fastify reads text/plain as a string; Apollo refuses any body that is not JSON.
    expect(form.status).toBe(400);
    expect(await form.text()).not.toContain('endedSessions');
  });
});
