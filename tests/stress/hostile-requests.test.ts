import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictionsDocument, RegisterDocument } from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { type RunningServer, spawnServer } from '../support/processes.js';

/**
 * The hostile-request corpus: each shape that once exhausted the heap, blocked the event
 * loop or wrote without bound, replayed against the real server with its real model. Each
 * must be refused quickly with its code while a light query, sent alongside, stays fast.
 * The server runs in its own process, in production mode, so the attackers' own work does
 * not stall it. Time bounds are generous (a shared 2-core machine); what they catch are
 * seconds-long stalls, the failure mode before the limits.
 */

const aliases = (n: number, field: string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

interface Attack {
  readonly name: string;
  readonly signedIn: boolean;
  readonly body: () => string;
  readonly status: number;
  readonly code: string;
}

const CORPUS: readonly Attack[] = [
  {
    name: '600,000 aliases of __typename, anonymous (11 MB)',
    signedIn: false,
    body: () => JSON.stringify({ query: `{ ${aliases(600_000, '__typename')} }` }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: '600,000 aliases of __typename, signed in',
    signedIn: true,
    body: () => JSON.stringify({ query: `{ ${aliases(600_000, '__typename')} }` }),
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: '5,000 aliases of a 100-todo page with sentiment (314 KB)',
    signedIn: true,
    body: () =>
      JSON.stringify({
        query: `{ ${aliases(5_000, 'todos(first:100){ edges { node { sentiment { label } } } }')} }`,
      }),
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: '1,000 aliases of a 100-text batch (80 KB)',
    signedIn: true,
    body: () =>
      JSON.stringify({
        query: `mutation ($t: [String!]!) { ${aliases(1_000, 'predictSentimentBatch(texts: $t) { predictions { id } }')} }`,
        variables: { t: Array.from({ length: 100 }, (_, i) => `text ${i}`) },
      }),
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: '25 aliases of a 100-text batch, within the token limit',
    signedIn: true,
    body: () =>
      JSON.stringify({
        query: `mutation ($t: [String!]!) { ${aliases(25, 'predictSentimentBatch(texts: $t) { predictions { id } }')} }`,
        variables: { t: Array.from({ length: 100 }, (_, i) => `text ${i}`) },
      }),
    status: 400,
    code: 'MAX_TEXTS_EXCEEDED',
  },
  {
    name: 'nesting 500 levels deep',
    signedIn: true,
    body: () =>
      JSON.stringify({
        query: `{ __type(name: "Todo") { ${'ofType { '.repeat(500)} name ${'} '.repeat(500)} } }`,
      }),
    status: 400,
    code: 'MAX_DEPTH_EXCEEDED',
  },
  {
    name: 'a fragment cycle',
    signedIn: true,
    body: () =>
      JSON.stringify({
        query:
          'query { ...A } fragment A on Query { me { id } ...B } fragment B on Query { serviceContext { version } ...A }',
      }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a flood of 2,000 directives',
    signedIn: true,
    body: () => JSON.stringify({ query: `{ __typename ${'@include(if: true) '.repeat(2_000)} }` }),
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: 'a flood of 200 directives, within the token limit',
    signedIn: true,
    body: () => JSON.stringify({ query: `{ __typename ${'@skip(if: false) '.repeat(200)} }` }),
    status: 400,
    code: 'MAX_DIRECTIVES_EXCEEDED',
  },
  {
    name: '20 MB of unused variables, anonymous',
    signedIn: false,
    body: () =>
      JSON.stringify({ query: '{ __typename }', variables: { junk: 'x'.repeat(20_000_000) } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a batched array of 1,000 operations',
    signedIn: true,
    body: () => JSON.stringify(Array.from({ length: 1_000 }, () => ({ query: '{ __typename }' }))),
    status: 400,
    code: 'BAD_REQUEST',
  },
];

const SERVE_TOKEN = 'hostile-test-serve-token';

describe('the hostile-request corpus against the real server', () => {
  let server: RunningServer;
  let authorization: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'strata-hostile-'));

  beforeAll(async () => {
    server = await spawnServer({ DATA_DIR: dataDir, INFERENCE_SERVE_TOKEN: SERVE_TOKEN });
    const registered = await graphql(server.url, RegisterDocument, {
      input: {
        email: 'attacker@example.com',
        password: 'a long enough password',
        displayName: 'A',
      },
    });
    authorization = `Bearer ${registered.body.data?.register.auth?.accessToken}`;
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Bodies are built once, before any timing: the test's own event loop must not stall.
  const bodies = new Map<Attack, string>();
  const send = async (attack: Attack) => {
    const body = bodies.get(attack) ?? attack.body();
    bodies.set(attack, body);
    const started = performance.now();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(attack.signedIn ? { authorization } : {}),
      },
      body,
    });
    const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: response.status,
      code: json.errors?.[0]?.extensions?.code,
      ms: performance.now() - started,
    };
  };

  /** Light queries sent one after another until `done` settles; their latencies. */
  const lightWhile = async (done: Promise<unknown>) => {
    let finished = false;
    void done.finally(() => {
      finished = true;
    });
    const latencies: number[] = [];
    while (!finished) {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(response.status).toBe(200);
      await response.json();
      latencies.push(performance.now() - started);
    }
    return latencies;
  };

  it.each(CORPUS)('refuses $name with its code, quickly', async (attack) => {
    const outcome = await send(attack);
    expect({ status: outcome.status, code: outcome.code }).toEqual({
      status: attack.status,
      code: attack.code,
    });
    expect(outcome.ms).toBeLessThan(2_000);
  });

  // Before the limits, six copies of one such request held a light query for over a minute
  // (600,000 anonymous aliases: 66 s) or killed the process (5,000 aliased pages).
  it.each(CORPUS)(
    'keeps a light query under 1.5 s while six copies of $name run at once',
    async (attack) => {
      bodies.set(attack, bodies.get(attack) ?? attack.body());
      const attacks = Promise.all(Array.from({ length: 6 }, () => send(attack)));
      const latencies = await lightWhile(attacks);
      const outcomes = await attacks;
      expect(outcomes.every((outcome) => outcome.status === attack.status)).toBe(true);
      expect(latencies.length).toBeGreaterThan(0);
      expect(Math.max(...latencies)).toBeLessThan(1_500);
    },
  );

  it('wrote nothing for any of them', async () => {
    const predictions = await graphql(
      server.url,
      PredictionsDocument,
      { first: 1 },
      { authorization },
    );
    expect(predictions.body.data?.predictions.edges).toEqual([]);
  });

  it('keeps a signed-in prediction fast while four clients flood /v2 with full batches of long texts, refusing what does not fit as 503 with Retry-After', async () => {
    const long = 'a long sentence about a fairly good and slightly odd day, '
      .repeat(85)
      .slice(0, 5000);
    const body = JSON.stringify({
      inputs: [
        {
          name: 'text',
          datatype: 'BYTES',
          shape: [1000],
          data: Array.from({ length: 1000 }, (_, i) => `${i} ${long}`.slice(0, 5000)),
        },
      ],
    });
    const flood = async () => {
      const response = await fetch(`${server.url}/v2/models/vader-sentiment/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVE_TOKEN}` },
        body,
      });
      await response.arrayBuffer();
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    };
    const floods = Promise.all(Array.from({ length: 4 }, flood));
    const latencies: number[] = [];
    let finished = false;
    void floods.finally(() => {
      finished = true;
    });
    let n = 0;
    while (!finished) {
      const started = performance.now();
      n += 1;
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query:
            'mutation ($t: String!) { predictSentiment(text: $t) { prediction { id } userErrors { code } } }',
          variables: { t: `a lovely light request ${n}` },
        }),
      });
      const json = (await response.json()) as {
        data?: { predictSentiment?: { prediction: unknown } };
      };
      expect(json.data?.predictSentiment?.prediction).toBeTruthy();
      latencies.push(performance.now() - started);
    }
    const outcomes = await floods;
    for (const outcome of outcomes) {
      expect([200, 503]).toContain(outcome.status);
      if (outcome.status === 503) {
        expect(Number(outcome.retryAfter)).toBeGreaterThanOrEqual(1);
      }
    }
    expect(outcomes.some((outcome) => outcome.status === 200)).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  });
});
