import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceContextDocument } from '../../schema/generated/graphql.js';
import { graphql, postGraphQL, type RestErrorBody, readJson } from '../support/http.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type ServiceContextJson = { maintenance: boolean; maintenanceChangedAt: string | null };

const ops = (server: TestServer, init: RequestInit) =>
  fetch(`${server.url}/v1/service-context`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
const switchMaintenance = (server: TestServer, maintenance: boolean) =>
  ops(server, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
    body: JSON.stringify({ maintenance }),
  });

describe('service context over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers serviceContext with the running instance', async () => {
    const { status, body } = await graphql(server.url, ServiceContextDocument);
    expect(status).toBe(200);
    expect(body.data?.serviceContext).toMatchObject({
      maintenance: false,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: server.database.kind,
    });
    expect(Date.parse(body.data?.serviceContext.startedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('echoes a caller-supplied x-request-id and generates one otherwise', async () => {
    const own = await graphql(
      server.url,
      ServiceContextDocument,
      {},
      { 'x-request-id': 'abc-123' },
    );
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    const generated = await graphql(server.url, ServiceContextDocument);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces an x-request-id that is unsafe to log', async () => {
    const response = await graphql(
      server.url,
      ServiceContextDocument,
      {},
      {
        'x-request-id': 'bad id\twith spaces',
      },
    );
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the code and the request id on GraphQL errors', async () => {
    const { status, body, headers } = await postGraphQL(server.url, { query: '{ nope }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      requestId: headers.get('x-request-id'),
    });
  });

  it('refuses to change maintenance mode without the ops token', async () => {
    const none = await ops(server, { method: 'PATCH', body: '{"maintenance":true}' });
    expect(none.status).toBe(401);
    expect((await readJson<RestErrorBody>(none)).error.code).toBe('UNAUTHENTICATED');
    const wrong = await ops(server, {
      method: 'PATCH',
      headers: { authorization: 'Bearer not-the-token-at-all' },
      body: '{"maintenance":true}',
    });
    expect(wrong.status).toBe(401);
    expect(
      (await graphql(server.url, ServiceContextDocument)).body.data?.serviceContext.maintenance,
    ).toBe(false);
  });

  it.each([
    ['a string', '{"maintenance":"yes"}', 'maintenance'],
    ['a missing field', '{}', 'maintenance'],
    ['an unknown field', '{"maintenance":true,"extra":1}', null],
  ])('rejects a body with %s, naming the field, and changes nothing', async (_, body, field) => {
    const response = await ops(server, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
      body,
    });
    expect(response.status).toBe(400);
    const { error } = await readJson<RestErrorBody>(response);
    expect(error).toEqual({
      code: 'BAD_REQUEST',
      field,
      message: 'Expected a JSON body {"maintenance": true|false} and nothing else.',
      requestId: response.headers.get('x-request-id'),
    });
    expect(
      (await graphql(server.url, ServiceContextDocument)).body.data?.serviceContext.maintenance,
    ).toBe(false);
  });

  it('answers 503 MAINTENANCE while on, keeps the exempt operations, and recovers when off', async () => {
    const on = await switchMaintenance(server, true);
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ maintenance: true });

    const refused = await postGraphQL(server.url, { query: '{ __typename }' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'MAINTENANCE',
      retryAfterSeconds: 30,
      requestId: refused.headers.get('x-request-id'),
    });
    expect(refused.body.errors?.[0]?.extensions).not.toHaveProperty('http');

    const exempt = await graphql(server.url, ServiceContextDocument);
    expect(exempt.status).toBe(200);
    expect(exempt.body.data?.serviceContext.maintenance).toBe(true);
    const introspection = await postGraphQL(server.url, {
      query: '{ __schema { queryType { name } } }',
    });
    expect(introspection.status).toBe(200);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', maintenance: true });

    expect((await switchMaintenance(server, false)).status).toBe(200);
    const back = await postGraphQL(server.url, { query: '{ __typename }' });
    expect(back.status).toBe(200);
    expect(back.body.data).toEqual({ __typename: 'Query' });
  });

  it('settles two concurrent switches on one state', async () => {
    const before = Date.now();
    const [first, second] = await Promise.all([
      switchMaintenance(server, true),
      switchMaintenance(server, true),
    ]);
    const after = Date.now();
    const [a, b] = [
      await readJson<ServiceContextJson>(first),
      await readJson<ServiceContextJson>(second),
    ];
    expect([a.maintenance, b.maintenance]).toEqual([true, true]);
    // One switch happened, at one time, which both callers are told.
    expect(a.maintenanceChangedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(b.maintenanceChangedAt).toBe(a.maintenanceChangedAt);
    const changedAt = Date.parse(a.maintenanceChangedAt ?? '');
    expect(changedAt).toBeGreaterThanOrEqual(before);
    expect(changedAt).toBeLessThanOrEqual(after);
    const stored = await graphql(server.url, ServiceContextDocument);
    expect(stored.body.data?.serviceContext).toMatchObject({
      maintenance: true,
      maintenanceChangedAt: a.maintenanceChangedAt,
    });
    await switchMaintenance(server, false);
  });

  it('reports readiness with each check', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      maintenance: false,
      checks: { database: { ready: true } },
    });
  });

  it('exposes Prometheus metrics by operation name', async () => {
    await postGraphQL(server.url, { query: 'query Probe { serviceContext { version } }' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /strata_http_requests_total\{method="POST",route="\/graphql",status="200",operation="Probe"\} \d+/,
    );
    expect(text).toContain('strata_http_request_duration_seconds_bucket');
    expect(text).toContain('strata_process_cpu_user_seconds_total');
  });

  it('checks the token before reading the body', async () => {
    const response = await ops(server, { method: 'PATCH', body: '{not json' });
    expect(response.status).toBe(401);
  });

  it('answers malformed JSON with BAD_REQUEST, not an internal code', async () => {
    const response = await ops(server, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await readJson<RestErrorBody>(response)).error.code).toBe('BAD_REQUEST');
  });

  it('answers malformed JSON on /graphql in the GraphQL error shape', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = await readJson<{ errors: { extensions: Record<string, unknown> }[] }>(response);
    expect(body.errors[0]?.extensions).toEqual({
      code: 'BAD_REQUEST',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('puts the request id on errors Apollo raises before execution', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect(response.status).toBe(400);
    const body = await readJson<{ errors: { extensions: Record<string, unknown> }[] }>(response);
    expect(body.errors[0]?.extensions?.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.status).toBe(404);
    expect((await readJson<RestErrorBody>(response)).error.code).toBe('NOT_FOUND');
  });
});
