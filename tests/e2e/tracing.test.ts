import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTodoDocument,
  RegisterDocument,
  TodoListDocument,
} from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { OtlpReceiver, type ReceivedSpan, SpanKinds } from '../support/otlp-receiver.js';
import { type RunningServer, spawnServer } from '../support/processes.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

const TOKEN = 'inference-serve-token-0123';

/** Spans exported every 100 ms instead of every 5 s, given up on after 2 s: the test waits less. */
const FAST_EXPORT = { OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_EXPORTER_OTLP_TIMEOUT: '2000' };

const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

const childrenOf = (spans: readonly ReceivedSpan[], parent: ReceivedSpan) =>
  spans.filter((span) => span.parentSpanId === parent.spanId);

function only(spans: readonly ReceivedSpan[], description: string): ReceivedSpan {
  expect(spans, description).toHaveLength(1);
  return spans[0] as ReceivedSpan;
}

/**
 * The parent's interval holds the child's. The SDK anchors each span to the wall clock
 * (Date.now(), whole milliseconds) when it starts, so two spans of one process may disagree
 * by up to a millisecond: that much is allowed.
 */
const CLOCK_SLACK_NS = 1_000_000n;
function expectWithin(child: ReceivedSpan, parent: ReceivedSpan) {
  expect(
    child.startNs + CLOCK_SLACK_NS >= parent.startNs,
    `${child.name} starts within ${parent.name}`,
  ).toBe(true);
  expect(
    child.endNs <= parent.endNs + CLOCK_SLACK_NS,
    `${child.name} ends within ${parent.name}`,
  ).toBe(true);
}

describe('traces across two Stratas (API → remote inference), exported over OTLP/HTTP', () => {
  let receiver: OtlpReceiver;
  let tier: RunningServer;
  let api: RunningServer;
  // In the integration run the API is on PostgreSQL, the tier on its embedded database.
  let database: TestDatabase | null = null;
  const dirs: string[] = [];
  let headers: Record<string, string>;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    const dataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'strata-traced-'));
      dirs.push(dir);
      return dir;
    };
    // The inference tier speaks OTLP/JSON, the API the default protobuf: both are read.
    tier = await spawnServer({
      DATA_DIR: dataDir(),
      INFERENCE_SERVE_TOKEN: TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'strata-inference',
      ...FAST_EXPORT,
    });
    database = testDatabaseKind === 'postgres' ? await openTestDatabase() : null;
    api = await spawnServer({
      DATA_DIR: dataDir(),
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      INFERENCE_BACKEND: 'remote',
      INFERENCE_URL: tier.url,
      INFERENCE_TOKEN: TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'strata-api',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
      ...FAST_EXPORT,
    });
    const registered = await graphql(api.url, RegisterDocument, {
      input: { email: 'traced@example.com', password: 'a long enough password', displayName: 'T' },
    });
    headers = { authorization: `Bearer ${registered.body.data?.register.auth?.accessToken}` };
  }, 120_000);

  afterAll(async () => {
    for (const server of [api, tier]) {
      if (server?.process.exitCode === null) {
        await server.stop();
      }
    }
    await receiver?.stop();
    await database?.close();
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows a todos page and its sentiment scores as one trace, continuing the caller’s', async () => {
    // Texts no model has seen: the scores are not cached, so the API asks the tier.
    const secret = randomHex(6);
    const contents = [`I love the plan ${secret}`, `This is awful ${secret}`];
    const writeTraceId = randomHex(16);
    for (const content of contents) {
      const created = await graphql(
        api.url,
        CreateTodoDocument,
        { input: { content } },
        {
          ...headers,
          traceparent: `00-${writeTraceId}-${randomHex(8)}-01`,
        },
      );
      expect(created.body.data?.createTodo.userErrors).toEqual([]);
    }

    // The caller's own trace, as a traced frontend or gateway sends it.
    const traceId = randomHex(16);
    const callerSpanId = randomHex(8);
    const page = await graphql(
      api.url,
      TodoListDocument,
      { first: 10 },
      {
        ...headers,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
    );
    expect(page.status).toBe(200);
    expect(page.body.data?.todos.edges.map(({ node }) => node.sentiment?.label).sort()).toEqual([
      'NEGATIVE',
      'POSITIVE',
    ]);
    const requestId = page.headers.get('x-request-id');

    // Each process exports its spans in the order they end: the API's request span is its
    // last, the tier's span of the scoring request the last of the tier's in this trace.
    await receiver.waitFor(
      (spans) =>
        spans.some(
          (span) =>
            span.traceId === traceId &&
            span.service === 'strata-inference' &&
            span.name === 'POST /v2/models/:name/infer',
        ) &&
        spans.some(
          (span) =>
            span.traceId === traceId &&
            span.service === 'strata-api' &&
            span.parentSpanId === callerSpanId,
        ),
    );
    // Everything of the trace has been exported once the API's request span has.
    const spans = receiver.trace(traceId);

    // The API's request span continues the caller's trace.
    const request = only(
      spans.filter((span) => span.parentSpanId === callerSpanId),
      'one span under the caller’s',
    );
    expect(request).toMatchObject({
      service: 'strata-api',
      name: 'POST /graphql',
      kind: SpanKinds.server,
      attributes: expect.objectContaining({
        'http.request.method': 'POST',
        'http.route': '/graphql',
        'http.response.status_code': 200,
        'strata.request_id': requestId,
      }),
    });

    // Reading the caller's session comes first, straight under the request.
    const [session, ...others] = childrenOf(spans, request).filter(
      (span) => span.kind === SpanKinds.client,
    );
    expect(others).toEqual([]);
    expect(session?.name).toBe('SELECT identity.sessions');

    // The operation: named, typed, weighed.
    const operation = only(
      childrenOf(spans, request).filter((span) => span.kind === SpanKinds.internal),
      'one operation under the request',
    );
    expect(operation).toMatchObject({
      name: 'query TodoList',
      kind: SpanKinds.internal,
      status: { code: 0 },
      attributes: {
        'graphql.operation.type': 'query',
        'graphql.operation.name': 'TodoList',
        'strata.graphql.cost': expect.any(Number),
      },
    });
    expect(operation.attributes['strata.graphql.cost']).toBeGreaterThan(1);
    expectWithin(operation, request);

    // Its statements: each a client span with its text and without any value.
    const statements = childrenOf(spans, operation).filter(
      (span) => span.kind === SpanKinds.client && span.attributes['db.system.name'],
    );
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const statement of statements) {
      expect(statement.attributes).toMatchObject({
        'db.system.name': 'postgresql',
        'db.query.text': expect.stringMatching(/^\s*(select|with|insert|update)/i),
      });
      expect(statement.name).toBe(statement.attributes['db.query.summary']);
      if (database?.url) {
        // The server and database, never the URL's credentials.
        const url = new URL(database.url);
        expect(statement.attributes).toMatchObject({
          'server.address': url.hostname,
          'server.port': Number(url.port || 5432),
          'db.namespace': url.pathname.slice(1),
        });
      }
      expectWithin(statement, operation);
    }
    expect(statements.map((span) => span.name)).toEqual(
      expect.arrayContaining(['SELECT todos.todos', 'SELECT inference.sentiment_scores']),
    );

    // The model call, its HTTP request to the tier, and the tier's side of it.
    const predict = only(
      childrenOf(spans, operation).filter((span) => span.name === 'sentiment predict'),
      'one model call under the operation',
    );
    expect(predict.attributes).toMatchObject({
      'strata.inference.backend': 'remote',
      'strata.inference.model': 'vader-sentiment',
      'strata.inference.texts': 2,
    });
    const outgoing = only(childrenOf(spans, predict), 'one HTTP request under the model call');
    expect(outgoing).toMatchObject({
      service: 'strata-api',
      kind: SpanKinds.client,
      attributes: expect.objectContaining({
        'http.request.method': 'POST',
        'url.full': `${tier.url}/v2/models/vader-sentiment/infer`,
        'http.response.status_code': 200,
      }),
    });
    const served = only(childrenOf(spans, outgoing), 'the tier’s request span');
    expect(served).toMatchObject({
      service: 'strata-inference',
      name: 'POST /v2/models/:name/infer',
      kind: SpanKinds.server,
      attributes: expect.objectContaining({ 'http.response.status_code': 200 }),
    });
    const scored = childrenOf(spans, served).filter((span) => span.name === 'sentiment predict');
    expect(only(scored, 'the tier’s own model call').attributes).toMatchObject({
      'strata.inference.backend': 'local',
      'strata.inference.texts': 2,
    });

    // No attribute of any span carries the users' texts.
    for (const span of spans) {
      expect(JSON.stringify(span.attributes), span.name).not.toContain(secret);
    }
    // Each side named itself; the API's resource carries OTEL_RESOURCE_ATTRIBUTES too.
    expect(new Set(spans.map((span) => span.service))).toEqual(
      new Set(['strata-api', 'strata-inference']),
    );
    expect(receiver.requests.map(({ contentType }) => contentType)).toEqual(
      expect.arrayContaining(['application/x-protobuf', 'application/json']),
    );

    // The writes recorded their events in the outbox; the relay's reading them, woken by the
    // commit, is no part of the writes' trace.
    const writes = receiver.trace(writeTraceId).map((span) => span.name);
    expect(writes).toContain('INSERT outbox.events');
    expect(writes).not.toContain('SELECT outbox.events');

    // The API's log line for the request carries the trace id next to the request id.
    const line = api
      .output()
      .split('\n')
      .filter((entry) => entry.includes('"request completed"'))
      .map((entry) => JSON.parse(entry) as Record<string, unknown>)
      .find((entry) => entry.requestId === requestId);
    expect(line).toMatchObject({ requestId, traceId, operationName: 'TodoList' });
  });

  it('starts a trace of its own for a caller that sends none, and leaves probes untraced', async () => {
    const before = receiver.spans.length;
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id');
    const request = await receiver.requestSpan(requestId);
    expect(request).toMatchObject({ parentSpanId: '', name: 'POST /graphql' });
    // A document that fails validation: the operation span says so.
    const operation = only(
      childrenOf(receiver.trace(request.traceId), request).filter(
        (span) => span.kind === SpanKinds.internal,
      ),
      'operation',
    );
    expect(operation.status.code).toBe(2);
    // A GET carries the document and its variables in the query string: neither is recorded.
    const hidden = randomHex(6);
    const document = `{ x${hidden}: serviceContext { version } }`;
    const variables = JSON.stringify({ unused: `y${hidden}` });
    const get = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent(document)}&variables=${encodeURIComponent(variables)}`,
    );
    expect(get.status).toBe(200);
    const getId = get.headers.get('x-request-id');
    const getSpan = await receiver.requestSpan(getId);
    expect(getSpan).toMatchObject({
      name: 'GET /graphql',
      attributes: expect.objectContaining({ 'url.path': '/graphql' }),
    });
    for (const span of receiver.trace(getSpan.traceId)) {
      expect(JSON.stringify(span.attributes)).not.toContain(hidden);
      expect(JSON.stringify(span.attributes)).not.toContain('serviceContext');
    }
    const paths = receiver.spans
      .slice(before)
      .map((span) => span.attributes['url.path'])
      .filter(Boolean);
    expect(paths).not.toContain('/readyz');
    expect(paths).not.toContain('/healthz');
  });

  it('keeps two requests at once in traces of their own', async () => {
    const callers = [0, 1].map(() => ({ traceId: randomHex(16), spanId: randomHex(8) }));
    const pages = await Promise.all(
      callers.map(({ traceId, spanId }) =>
        graphql(
          api.url,
          TodoListDocument,
          { first: 10 },
          {
            ...headers,
            traceparent: `00-${traceId}-${spanId}-01`,
          },
        ),
      ),
    );
    expect(pages.map((page) => page.status)).toEqual([200, 200]);
    await receiver.waitFor((spans) =>
      callers.every(({ spanId }) => spans.some((span) => span.parentSpanId === spanId)),
    );
    for (const { traceId, spanId } of callers) {
      const spans = receiver.trace(traceId);
      const request = only(
        spans.filter((span) => span.parentSpanId === spanId),
        'one request span per caller',
      );
      const operation = only(
        childrenOf(spans, request).filter((span) => span.kind === SpanKinds.internal),
        'one operation per request',
      );
      expect(childrenOf(spans, operation).map((span) => span.name)).toContain('SELECT todos.todos');
      // Every span of the trace hangs off this request: nothing of the other one leaked in.
      const reachable = new Set([request.spanId]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const span of spans) {
          if (reachable.has(span.parentSpanId) && !reachable.has(span.spanId)) {
            reachable.add(span.spanId);
            grew = true;
          }
        }
      }
      expect(
        spans.filter((span) => span.spanId !== request.spanId && !reachable.has(span.spanId)),
      ).toEqual([]);
    }
  });

  it('keeps serving when the collector is down, and says so in its log', async () => {
    await receiver.stop();
    const page = await graphql(api.url, TodoListDocument, { first: 10 }, headers);
    expect(page.status).toBe(200);
    expect(page.body.data?.todos.edges).toHaveLength(2);
    const warning = () =>
      api
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":40') && line.includes('tracing:'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)[0];
    const until = Date.now() + 20_000;
    while (!warning() && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // What went wrong, readably, and not attributed to whichever request started the batch.
    expect(warning()?.msg).toMatch(
      /^tracing: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(spans are dropped, requests are not affected\)$/,
    );
    expect(warning()).not.toHaveProperty('traceId');
  });
});
