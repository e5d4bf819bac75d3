import { afterEach, describe, expect, it } from 'vitest';
import { ServiceContextDocument } from '../../schema/generated/graphql.js';
import { graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('HTTP surface by configuration', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('mounts every route under SERVICE_PREFIX and nothing outside it', async () => {
    server = await startTestServer({ env: { SERVICE_PREFIX: '/example' } });
    expect(server.url).toMatch(/\/example$/);
    const root = server.url.replace(/\/example$/, '');

    expect((await graphql(server.url, ServiceContextDocument)).status).toBe(200);
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1/service-context']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
      expect((await fetch(`${root}${path}`)).status, path).toBe(404);
    }
    expect((await postGraphQL(root, { query: '{ serviceContext { version } }' })).status).toBe(404);
  });

  it('serves the explorer page outside production: Sandbox, falling back to GraphiQL', async () => {
    server = await startTestServer({
      env: { NODE_ENV: 'development', SERVICE_PREFIX: '/example' },
    });
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('embeddable-sandbox.cdn.apollographql.com');
    expect(html).toContain('"mode":"auto"');
    expect(html).toContain('"assets":"/example/graphql/explorer/"');
    const bundle = await fetch(`${server.url}/graphql/explorer/graphiql.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    for (const file of [
      'graphiql.css',
      'editor.worker.js',
      'graphql.worker.js',
      'json.worker.js',
    ]) {
      expect((await fetch(`${server.url}/graphql/explorer/${file}`)).status, file).toBe(200);
    }
  });

  it('serves only the files of the bundle under the explorer path', async () => {
    server = await startTestServer({ env: { NODE_ENV: 'development' } });
    for (const file of ['..%2Fpackage.json', '%2E%2E', 'missing.js', 'graphiql.js.map']) {
      expect((await fetch(`${server.url}/graphql/explorer/${file}`)).status, file).toBe(404);
    }
  });

  it('turns the explorer on in production with GRAPHQL_EXPLORER, introspection with it', async () => {
    server = await startTestServer({
      env: { NODE_ENV: 'production', GRAPHQL_EXPLORER: 'graphiql' },
    });
    const html = await (
      await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('"mode":"graphiql"');
    expect((await fetch(`${server.url}/graphql/explorer/graphiql.js`)).status).toBe(200);
    const introspection = await postGraphQL(server.url, {
      query: '{ __schema { queryType { name } } }',
    });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('turns the explorer off in development with GRAPHQL_EXPLORER=none', async () => {
    server = await startTestServer({ env: { NODE_ENV: 'development', GRAPHQL_EXPLORER: 'none' } });
    const html = await (
      await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('Authorization: Bearer');
    expect(html).not.toMatch(/sandbox|graphiql/i);
    expect((await fetch(`${server.url}/graphql/explorer/graphiql.js`)).status).toBe(404);
  });

  it('hides the landing page and introspection in production', async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(`${server.url}/graphql`);
    expect(html).toContain('Authorization: Bearer');
    expect(html).not.toMatch(/apollo|sandbox|graphiql/i);
    expect((await fetch(`${server.url}/graphql/explorer/graphiql.js`)).status).toBe(404);
    const introspection = await postGraphQL(server.url, {
      query: '{ __schema { types { name } } }',
    });
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await graphql(server.url, ServiceContextDocument)).status).toBe(200);
  });

  it('allows introspection in production when GRAPHQL_INTROSPECTION=true', async () => {
    server = await startTestServer({
      env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' },
    });
    const introspection = await postGraphQL(server.url, {
      query: '{ __schema { queryType { name } } }',
    });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('has no ops change route when OPS_TOKEN is unset', async () => {
    server = await startTestServer({ env: { OPS_TOKEN: '' } });
    const response = await fetch(`${server.url}/v1/service-context`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: 'Bearer anything-at-all-here' },
      body: '{"maintenance":true}',
    });
    expect(response.status).toBe(404);
  });

  it('serves /metrics only with METRICS_TOKEN when one is set', async () => {
    const token = 'metrics-token-0123456789';
    server = await startTestServer({ env: { METRICS_TOKEN: token } });
    const scrape = (headers: Record<string, string> = {}) =>
      fetch(`${server?.url}/metrics`, { headers });

    for (const refused of [await scrape(), await scrape({ authorization: 'Bearer wrong-token' })]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="strata-metrics"');
      expect(await refused.json()).toEqual({
        error: {
          code: 'UNAUTHENTICATED',
          field: null,
          message: 'This route needs Authorization: Bearer <METRICS_TOKEN>.',
          requestId: refused.headers.get('x-request-id'),
        },
      });
    }
    const scraped = await scrape({ authorization: `Bearer ${token}` });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await scraped.text()).toContain('# TYPE strata_http_requests_total counter');
  });

  it('answers a simple GET query, as urql sends by default: it carries no credentials', async () => {
    server = await startTestServer();
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(200);
    expect((await response.text()).trim()).toBe('{"data":{"__typename":"Query"}}');
  });

  it.each([
    ['apollo-require-preflight: true', { 'apollo-require-preflight': 'true' }],
    ['content-type: application/json', { 'content-type': 'application/json' }],
  ])(
    'answers a GET query that carries %s, which no simple cross-site request can',
    async (_, headers) => {
      server = await startTestServer();
      const response = await fetch(
        `${server.url}/graphql?query=${encodeURIComponent('{__typename}')}`,
        { headers },
      );
      expect(response.status).toBe(200);
      expect((await response.text()).trim()).toBe('{"data":{"__typename":"Query"}}');
    },
  );
});
