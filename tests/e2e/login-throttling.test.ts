import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterDocument } from '../../schema/generated/graphql.js';
import { graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const OWNER_PASSWORD = 'the owner knows this one';

/** One sign-in over HTTP, as sent through a proxy that reports `forwardedFor`. */
const login = (server: TestServer, email: string, password: string, forwardedFor: string) =>
  postGraphQL<{ login: { auth: { accessToken: string } | null } | null }>(
    server.url,
    {
      query: `mutation ($e: String!, $p: String!) {
        login(input: { email: $e, password: $p }) { auth { accessToken } userErrors { code } }
      }`,
      variables: { e: email, p: password },
    },
    { 'x-forwarded-for': forwardedFor },
  );

const register = (server: TestServer, email: string) =>
  graphql(server.url, RegisterDocument, {
    input: { email, password: OWNER_PASSWORD, displayName: 'Owner' },
  });

describe('sign-in throttling behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    await register(server, 'owner@example.com');
  });
  afterAll(async () => {
    await server.close();
  });

  it('slows the attacker guessing one account, and lets the owner in from elsewhere', async () => {
    for (let i = 0; i < 5; i += 1) {
      const failed = await login(server, 'owner@example.com', `guess ${i}`, '203.0.113.7');
      expect(failed.body.errors).toBeUndefined();
    }
    const throttled = await login(server, 'owner@example.com', OWNER_PASSWORD, '203.0.113.7');
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });

    const owner = await login(server, 'owner@example.com', OWNER_PASSWORD, '198.51.100.20');
    expect(owner.body.data?.login?.auth?.accessToken).toEqual(expect.any(String));
  });

  it('throttles one address spraying a password over many emails, whoever the emails belong to', async () => {
    const sprayer = '203.0.113.99';
    const outcomes = [];
    for (let i = 0; i < 25; i += 1) {
      const response = await login(server, `someone${i}@example.com`, 'Winter2026!', sprayer);
      outcomes.push(response.body.errors?.[0]?.extensions?.code ?? 'CHECKED');
    }
    expect(outcomes.slice(0, 20).every((code) => code === 'CHECKED')).toBe(true);
    expect(outcomes.slice(20).every((code) => code === 'RATE_LIMITED')).toBe(true);
    const owner = await login(server, 'owner@example.com', OWNER_PASSWORD, '198.51.100.21');
    expect(owner.body.data?.login?.auth).toBeTruthy();
  });
});

describe('sign-in throttling without TRUST_PROXY', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await register(server, 'owner@example.com');
  });
  afterAll(async () => {
    await server.close();
  });

  it('ignores X-Forwarded-For: a client cannot pick a fresh address per attempt', async () => {
    for (let i = 0; i < 5; i += 1) {
      await login(server, 'owner@example.com', `guess ${i}`, `203.0.113.${i}`);
    }
    const sixth = await login(server, 'owner@example.com', 'guess 5', '203.0.113.200');
    expect(sixth.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
