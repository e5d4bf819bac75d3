import { request as httpRequest } from 'node:http';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTIMENT_MODEL } from '#modules/inference/application/index.js';
import { predictionsTable } from '#modules/inference/infrastructure/inference.tables.js';
import { RegisterDocument, TodosDocument } from '../../schema/generated/graphql.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const aliases = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** POSTs a body in chunks, without Content-Length, as a streaming client does. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    for (const chunk of chunks) {
      request.write(chunk);
    }
    request.end();
  });
}

describe('request limits over HTTP', () => {
  let server: TestServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({
      configure: (container) =>
        container.rebind(SENTIMENT_MODEL).toConstantValue(new ScriptedSentimentModel()),
    });
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email: 'limits@example.com', password: 'a long enough password', displayName: 'L' },
    });
    headers = { authorization: `Bearer ${registered.body.data?.register.auth?.accessToken}` };
  });
  afterAll(async () => {
    await server.close();
  });

  const refusal = async (
    query: string,
    as: Record<string, string> = headers,
    variables?: unknown,
  ) => {
    const response = await postGraphQL(server.url, { query, variables }, as);
    expect(response.body.data ?? null).toBeNull();
    return { status: response.status, error: response.body.errors?.[0] };
  };

  it('refuses an operation nested deeper than the limit, naming the limit', async () => {
    let selection = 'name';
    for (let level = 0; level < 12; level += 1) {
      selection = `ofType { ${selection} }`;
    }
    const query = `{ __type(name: "Todo") { ${selection} } }`;
    const { status, error } = await refusal(query);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'MAX_DEPTH_EXCEEDED', limit: 12, actual: 14 });
  });

  it('refuses more aliases than the limit, fragments included', async () => {
    const query = `{ ...f } fragment f on Query { ${aliases(31, '__typename').slice(2, -2)} }`;
    const { status, error } = await refusal(query);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({
      code: 'MAX_ALIASES_EXCEEDED',
      limit: 30,
      actual: 31,
    });
  });

  it('refuses a directive flood', async () => {
    const query = `{ __typename ${'@include(if: true) '.repeat(51)} }`;
    const { status, error } = await refusal(query);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'MAX_DIRECTIVES_EXCEEDED', limit: 50 });
  });

  it('refuses a document of more tokens than the limit without parsing it whole', async () => {
    const query = `{ ${'__typename '.repeat(6000)} }`;
    const { status, error } = await refusal(query);
    expect(status).toBe(400);
    expect(error).toMatchObject({
      message: 'The document has more than 5000 tokens; send a smaller one.',
      extensions: { code: 'MAX_TOKENS_EXCEEDED', limit: 5000 },
    });
  });

  it('refuses a signed-in operation over the cost budget, with its cost', async () => {
    const page =
      'todos(first: 100) { edges { node { id owner { id } } } pageInfo { hasNextPage } }';
    const { status, error } = await refusal(aliases(30, page));
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({
      code: 'MAX_COST_EXCEEDED',
      limit: 10_000,
      actual: 30 * 401,
    });
    // The same operation at a page size the budget allows runs.
    const allowed = await postGraphQL(
      server.url,
      { query: aliases(30, page.replace('100', '10')) },
      headers,
    );
    expect(allowed.body.errors).toBeUndefined();
  });

  it('weighs the same document again for each page size its variables ask for', async () => {
    const page = 'todos(first: $n) { edges { node { id owner { id } } } pageInfo { hasNextPage } }';
    const query = `query Pages($n: Int) { ${Array.from({ length: 30 }, (_, i) => `p${i}: ${page}`).join(' ')} }`;
    const run = (n: number) => postGraphQL(server.url, { query, variables: { n } }, headers);
    // Allowed, remembered, then the same text with a larger page: refused, then allowed again.
    expect((await run(10)).body.errors).toBeUndefined();
    expect((await run(10)).body.errors).toBeUndefined();
    expect((await run(100)).body.errors?.[0]?.extensions).toMatchObject({
      code: 'MAX_COST_EXCEEDED',
      actual: 30 * 401,
    });
    expect((await run(10)).body.errors).toBeUndefined();
  });

  it('gives anonymous callers the smaller budget', async () => {
    const query = '{ users(first: 100) { edges { node { id } } } }';
    const anonymous = await refusal(query, {});
    expect(anonymous.error?.extensions).toMatchObject({
      code: 'MAX_COST_EXCEEDED',
      limit: 200,
      actual: 201,
    });
    expect(anonymous.error?.message).toMatch(/anonymous budget/);
    // Within a signed-in budget, the operation runs (and meets the usual authorization).
    const signedIn = await postGraphQL(server.url, { query }, headers);
    expect(signedIn.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an operation that would score more texts than one request may, and writes nothing', async () => {
    const texts = Array.from({ length: 600 }, (_, i) => `text number ${i}`);
    const query = `mutation ($t: [String!]!) {
      a: predictSentimentBatch(texts: $t) { predictions { id } }
      b: predictSentimentBatch(texts: $t) { predictions { id } }
    }`;
    const { status, error } = await refusal(query, headers, { t: texts });
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({
      code: 'MAX_TEXTS_EXCEEDED',
      limit: 1000,
      actual: 1200,
    });
    const [row] = await server.database.db.select({ n: count() }).from(predictionsTable);
    expect(row?.n).toBe(0);
  });

  it('counts texts that pages of todos would score, across aliases', async () => {
    const query = aliases(11, 'todos(first: 100) { edges { node { sentiment { label } } } }');
    const { error } = await refusal(query);
    expect(error?.extensions).toMatchObject({ code: 'MAX_TEXTS_EXCEEDED', actual: 1100 });
  });

  it('lets a full page of todos through, as the generated Todos document asks', async () => {
    const response = await graphql(server.url, TodosDocument, { first: 100 }, headers);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses an anonymous body over the anonymous limit, and takes it from a signed-in caller', async () => {
    const padding = 'x'.repeat(70 * 1024);
    const body = { query: '{ __typename }', variables: { padding } };
    const anonymous = await postGraphQL(server.url, body);
    expect(anonymous.status).toBe(413);
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      limit: 65_536,
    });
    const forged = await postGraphQL(server.url, body, {
      authorization: 'Bearer forged.token.here',
    });
    expect(forged.status).toBe(413);
    const signedIn = await postGraphQL(server.url, body, headers);
    expect(signedIn.status).toBe(200);
  });

  it('refuses an anonymous body streamed in chunks once it passes the limit', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = ['{"query":"{ __typename }","variables":{"p":"', ...Array(5).fill(chunk), '"}}'];
    const response = await postChunked(server.url, chunks);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const small = await postChunked(server.url, ['{"query":"{ __typ', 'ename }"}']);
    expect(JSON.parse(small.body)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe("a user's rate of scored texts over HTTP", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: { SCORED_TEXTS_PER_MINUTE: '5' },
      configure: (container) =>
        container.rebind(SENTIMENT_MODEL).toConstantValue(new ScriptedSentimentModel()),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const signUp = async (email: string) => {
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email, password: 'a long enough password', displayName: 'R' },
    });
    return { authorization: `Bearer ${registered.body.data?.register.auth?.accessToken}` };
  };
  const predict = (texts: string[], headers: Record<string, string>) =>
    postGraphQL<{ predictSentimentBatch: { predictions: { id: string }[] } | null }>(
      server.url,
      {
        query:
          'mutation ($t: [String!]!) { predictSentimentBatch(texts: $t) { predictions { id } } }',
        variables: { t: texts },
      },
      headers,
    );

  it('answers RATE_LIMITED with retryAfterSeconds once the share is spent, for that user only', async () => {
    const [alice, bob] = await Promise.all([
      signUp('alice@example.com'),
      signUp('bob@example.com'),
    ]);
    const [first, second] = await Promise.all([
      predict(['one', 'two', 'three'], alice),
      predict(['four', 'five', 'six'], alice),
    ]);
    const outcomes = [first, second].map((response) => response.body.errors?.[0]?.extensions);
    expect(outcomes.filter((extensions) => extensions === undefined)).toHaveLength(1);
    expect(outcomes.find((extensions) => extensions !== undefined)).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 12,
    });
    const [row] = await server.database.db.select({ n: count() }).from(predictionsTable);
    expect(row?.n).toBe(3);
    const other = await predict(['seven'], bob);
    expect(other.body.data?.predictSentimentBatch?.predictions).toHaveLength(1);
  });
});
