import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Misspellings graphql-js answers with "Did you mean …?", each naming part of the schema. */
const MISSPELLINGS = [
  { name: 'a field', query: '{ servceContext { version } }' },
  {
    name: 'a type',
    query: 'query { serviceContext { ...f } } fragment f on ServiceContxt { version }',
  },
  { name: 'an argument', query: '{ todos(frist: 5) { totalCount } }' },
  { name: 'an enum value', query: '{ todos(orderBy: { field: CREATED }) { totalCount } }' },
  { name: 'an input field', query: '{ todos(filter: { serach: "milk" }) { totalCount } }' },
  {
    name: 'an enum value in variables',
    query: 'query ($o: TodoOrder) { todos(orderBy: $o) { totalCount } }',
    variables: { o: { field: 'CREATED' } },
  },
  {
    name: 'an input field in variables',
    query: 'query ($f: TodoFilter) { todos(filter: $f) { totalCount } }',
    variables: { f: { serach: 'milk' } },
  },
] as const;

const messagesOf = async (server: TestServer, request: (typeof MISSPELLINGS)[number]) => {
  const response = await postGraphQL(server.url, request);
  expect(response.status).toBe(400);
  const errors = response.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  return errors.map((error) => error.message);
};

describe('schema hints in error messages', () => {
  let open: TestServer;
  let closed: TestServer;

  beforeAll(async () => {
    open = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'true' } });
    closed = await startTestServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await Promise.all([open.close(), closed.close()]);
  });

  it.each(MISSPELLINGS)('suggests a fix for $name while introspection is on', async (request) => {
    const messages = await messagesOf(open, request);

    expect(messages.some((message) => /Did you mean .+\?$/.test(message))).toBe(true);
  });

  it.each(MISSPELLINGS)(
    'names nothing of the schema for $name once introspection is off',
    async (request) => {
      const [withHint, without] = [
        await messagesOf(open, request),
        await messagesOf(closed, request),
      ];

      expect(without.some((message) => message.includes('Did you mean'))).toBe(false);
      // The rest of each message is kept: the client still learns what it got wrong.
      expect(without).toEqual(
        withHint.map((message) => message.replace(/\s*Did you mean .*\?$/s, '')),
      );
    },
  );
});
