import { createRequire } from 'node:module';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTIMENT_MODEL } from '#modules/inference/application/index.js';
import { predictionsTable } from '#modules/inference/infrastructure/inference.tables.js';
import { CreateTodoHandler } from '#modules/todos/application/index.js';
import { CLOCK } from '#shared/application/clock.js';
import {
  InferenceModelsDocument,
  PredictionsDocument,
  type PredictionsQuery,
  PredictSentimentBatchDocument,
  PredictSentimentDocument,
  RegisterDocument,
  TodoSentimentsDocument,
} from '../../schema/generated/graphql.js';
import { FixedClock } from '../doubles/fixed-clock.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { type GraphQLResponse, graphql, postGraphQL } from '../support/http.js';
import { requestStatements } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const predictionCount = async (server: TestServer) => {
  const [row] = await server.database.db.select({ n: count() }).from(predictionsTable);
  return row?.n ?? 0;
};

describe('inference over HTTP', () => {
  let server: TestServer;
  const model = new ScriptedSentimentModel();
  let emailCounter = 0;

  const signUp = async () => {
    emailCounter += 1;
    const response = await graphql(server.url, RegisterDocument, {
      input: {
        email: `reader${emailCounter}@example.com`,
        password: 'a long enough password',
        displayName: `reader ${emailCounter}`,
      },
    });
    const auth = response.body.data?.register.auth;
    return { headers: { authorization: `Bearer ${auth?.accessToken}` }, id: auth?.user.id ?? '' };
  };

  beforeAll(async () => {
    server = await startTestServer({
      configure: (container) => container.rebind(SENTIMENT_MODEL).toConstantValue(model),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('predicts one text and records it for the viewer', async () => {
    const { headers } = await signUp();
    const response = await graphql(
      server.url,
      PredictSentimentDocument,
      { text: 'What a great day' },
      headers,
    );
    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data?.predictSentiment;
    expect(payload?.userErrors).toEqual([]);
    expect(payload?.prediction).toMatchObject({
      text: 'What a great day',
      model: 'scripted',
      modelVersion: 'scripted-1',
      sentiment: { label: 'POSITIVE', score: 0.5, compound: 0.5 },
    });
    const history = await graphql(server.url, PredictionsDocument, { first: 10 }, headers);
    expect(history.body.data?.predictions.edges.map((edge) => edge.node.id)).toEqual([
      payload?.prediction?.id,
    ]);
  });

  it('answers a batch in the order of the texts, repeated texts included', async () => {
    const { headers } = await signUp();
    const texts = ['awful news', 'plain words', 'good good news', 'awful news'];
    const response = await graphql(server.url, PredictSentimentBatchDocument, { texts }, headers);
    const predictions = response.body.data?.predictSentimentBatch.predictions ?? [];
    expect(predictions.map((prediction) => prediction.text)).toEqual(texts);
    expect(predictions.map((prediction) => prediction.sentiment.label)).toEqual([
      'NEGATIVE',
      'NEUTRAL',
      'POSITIVE',
      'NEGATIVE',
    ]);
    expect(new Set(predictions.map((prediction) => prediction.id)).size).toBe(4);
  });

  it('takes a full batch of long texts, a body well over 1 MiB', async () => {
    const { headers } = await signUp();
    const texts = Array.from({ length: 1000 }, (_, i) => `${i} ${'good '.repeat(600)}`);
    const response = await graphql(server.url, PredictSentimentBatchDocument, { texts }, headers);
    expect(response.status).toBe(200);
    expect(response.body.data?.predictSentimentBatch.predictions).toHaveLength(1000);
  });

  it.each([
    { name: 'an empty text', texts: [''], field: 'texts.0', code: 'INVALID_TEXT' },
    { name: 'no texts', texts: [], field: 'texts', code: 'INVALID_BATCH' },
    {
      name: 'a control character at index 2',
      texts: ['fine', 'fine too', 'bad\u0007one'],
      field: 'texts.2',
      code: 'INVALID_TEXT',
    },
    {
      name: 'an unpaired surrogate at index 1, which UTF-8 cannot store',
      texts: ['fine', 'abc\ud800def'],
      field: 'texts.1',
      code: 'INVALID_TEXT',
    },
    {
      name: 'a text over 5000 characters',
      texts: ['ok', 'x'.repeat(5001)],
      field: 'texts.1',
      code: 'INVALID_TEXT',
    },
    {
      name: '1001 texts',
      texts: Array.from({ length: 1001 }, (_, i) => `text ${i}`),
      field: 'texts',
      code: 'INVALID_BATCH',
    },
  ])(
    'refuses a batch with $name, naming the field, writing nothing',
    async ({ texts, field, code }) => {
      const { headers } = await signUp();
      const calls = model.calls;
      const before = await predictionCount(server);
      const response = await graphql(server.url, PredictSentimentBatchDocument, { texts }, headers);
      expect(response.body.data?.predictSentimentBatch).toMatchObject({
        predictions: null,
        userErrors: [expect.objectContaining({ code, field })],
      });
      expect(model.calls).toBe(calls);
      expect(await predictionCount(server)).toBe(before);
    },
  );

  it.each([
    { name: 'blank', text: '   ' },
    { name: 'over 5000 characters', text: 'y'.repeat(5001) },
    { name: 'with a control character', text: 'ring\u0007ring' },
  ])('refuses a single text $name on the text field, writing nothing', async ({ text }) => {
    const { headers } = await signUp();
    const calls = model.calls;
    const before = await predictionCount(server);
    const response = await graphql(server.url, PredictSentimentDocument, { text }, headers);
    expect(response.body.data?.predictSentiment).toMatchObject({
      prediction: null,
      userErrors: [{ code: 'INVALID_TEXT', field: 'text', message: expect.any(String) }],
    });
    expect(model.calls).toBe(calls);
    expect(await predictionCount(server)).toBe(before);
  });

  it('scores a text once per model version, whoever asks', async () => {
    const first = await signUp();
    const second = await signUp();
    const text = 'a text nobody scored before, good';
    await graphql(server.url, PredictSentimentDocument, { text }, first.headers);
    await graphql(server.url, PredictSentimentDocument, { text }, second.headers);
    await graphql(
      server.url,
      PredictSentimentBatchDocument,
      { texts: [text, text] },
      first.headers,
    );
    expect(model.scoredTexts.filter((scored) => scored === text)).toHaveLength(1);
  });

  it('serves two requests for the same new text at once', async () => {
    const { headers } = await signUp();
    const text = 'two at once, happy';
    const [a, b] = await Promise.all([
      graphql(server.url, PredictSentimentDocument, { text }, headers),
      graphql(server.url, PredictSentimentDocument, { text }, headers),
    ]);
    expect(a.body.data?.predictSentiment.prediction?.sentiment.label).toBe('POSITIVE');
    expect(b.body.data?.predictSentiment.prediction?.sentiment.label).toBe('POSITIVE');
    const history = await graphql(server.url, PredictionsDocument, { first: 10 }, headers);
    expect(history.body.data?.predictions.edges).toHaveLength(2);
  });

  it('pages the viewer’s history newest first, and only theirs', async () => {
    const ada = await signUp();
    const grace = await signUp();
    const texts = Array.from({ length: 5 }, (_, i) => `history item ${i}`);
    for (const text of texts) {
      await graphql(server.url, PredictSentimentDocument, { text }, ada.headers);
      // A millisecond apart at least, so "newest first" has one answer.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await graphql(server.url, PredictSentimentDocument, { text: 'grace only' }, grace.headers);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const response: GraphQLResponse<PredictionsQuery> = await graphql(
        server.url,
        PredictionsDocument,
        { first: 2, after },
        ada.headers,
      );
      const connection: PredictionsQuery['predictions'] | undefined =
        response.body.data?.predictions;
      seen.push(...(connection?.edges.map((edge) => edge.node.text) ?? []));
      expect(connection?.totalCount).toBe(5);
      after = connection?.pageInfo.endCursor ?? null;
      expect(connection?.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toEqual([...texts].reverse());
  });

  it('counts a history with no predictions yet as zero', async () => {
    const newcomer = await signUp();
    const history = await graphql(server.url, PredictionsDocument, { first: 5 }, newcomer.headers);
    expect(history.body.data?.predictions).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('refuses a bad page size or a foreign cursor', async () => {
    const { headers } = await signUp();
    const tooMany = await graphql(server.url, PredictionsDocument, { first: 101 }, headers);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const foreign = await graphql(
      server.url,
      PredictionsDocument,
      { first: 5, after: 'bm90IGEgY3Vyc29y' },
      headers,
    );
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('is for signed-in users only', async () => {
    const response = await graphql(server.url, PredictSentimentDocument, { text: 'hello' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const models = await graphql(server.url, InferenceModelsDocument, {});
    expect(models.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [
      'predictSentimentBatch',
      () => graphql(server.url, PredictSentimentBatchDocument, { texts: ['good', 'bad'] }),
    ],
    ['predictions', () => graphql(server.url, PredictionsDocument, { first: 5 })],
  ])('answers an anonymous %s with UNAUTHENTICATED and no data', async (field, call) => {
    const calls = model.calls;
    const before = await predictionCount(server);
    const response = await call();
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      path: [field],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(model.calls).toBe(calls);
    expect(await predictionCount(server)).toBe(before);
  });

  it('describes the model it scores with', async () => {
    const { headers } = await signUp();
    const response = await graphql(server.url, InferenceModelsDocument, {}, headers);
    expect(response.body.data?.inferenceModels).toEqual([
      {
        name: 'scripted',
        version: 'scripted-1',
        backend: 'LOCAL',
        labels: ['POSITIVE', 'NEGATIVE', 'NEUTRAL'],
        maxBatchSize: 1000,
        ready: true,
      },
    ]);
  });

  it('scores a page of todos with one model call and a constant number of statements', async () => {
    const { headers, id } = await signUp();
    const create = server.app.container.get(CreateTodoHandler);
    for (let i = 0; i < 100; i += 1) {
      await create.execute({
        ownerId: id,
        content: `todo ${i} is ${i % 2 ? 'good' : 'bad'}`,
        tags: [],
      });
    }
    const measure = async (first: number) => {
      const calls = model.calls;
      server.database.statements.length = 0;
      const response = await graphql(server.url, TodoSentimentsDocument, { first }, headers);
      expect(response.body.errors).toBeUndefined();
      const statements = requestStatements(server.database.statements).length;
      return { response, calls: model.calls - calls, statements };
    };
    const small = await measure(5);
    const large = await measure(100);
    expect(small.calls).toBe(1);
    expect(large.calls).toBe(1); // 95 new texts, one call
    expect(large.statements).toBe(small.statements);
    const again = await measure(100);
    expect(again.calls).toBe(0); // every text cached now
    const edges = large.response.body.data?.todos.edges ?? [];
    expect(edges).toHaveLength(100);
    for (const { node } of edges) {
      expect(node.sentiment?.label).toBe(node.content.endsWith('good') ? 'POSITIVE' : 'NEGATIVE');
    }
  });

  it('scores the same new todos for two pages requested at once', async () => {
    const { headers, id } = await signUp();
    const create = server.app.container.get(CreateTodoHandler);
    for (const content of ['a happy new todo', 'a sad new todo']) {
      await create.execute({ ownerId: id, content, tags: [] });
    }
    const [a, b] = await Promise.all([
      graphql(server.url, TodoSentimentsDocument, { first: 5 }, headers),
      graphql(server.url, TodoSentimentsDocument, { first: 5 }, headers),
    ]);
    for (const response of [a, b]) {
      expect(response.body.errors).toBeUndefined();
      // Both todos may share a creation millisecond: compare by content, not by position.
      const labels = Object.fromEntries(
        (response.body.data?.todos.edges ?? []).map(({ node }) => [
          node.content,
          node.sentiment?.label,
        ]),
      );
      expect(labels).toEqual({ 'a happy new todo': 'POSITIVE', 'a sad new todo': 'NEGATIVE' });
    }
  });

  describe('when the model is unavailable', () => {
    it('answers INFERENCE_UNAVAILABLE, renders todos without sentiment, and is not ready', async () => {
      const { headers, id } = await signUp();
      await server.app.container
        .get(CreateTodoHandler)
        .execute({ ownerId: id, content: 'a todo scored while the model is down', tags: [] });
      const before = await predictionCount(server);
      model.available = false;
      try {
        const predicted = await graphql(
          server.url,
          PredictSentimentDocument,
          { text: 'anything at all' },
          headers,
        );
        expect(predicted.body.data?.predictSentiment).toMatchObject({
          prediction: null,
          userErrors: [expect.objectContaining({ code: 'INFERENCE_UNAVAILABLE', field: null })],
        });
        expect(await predictionCount(server)).toBe(before);

        const page = await graphql(server.url, TodoSentimentsDocument, { first: 5 }, headers);
        expect(page.body.data?.todos.edges[0]?.node).toMatchObject({
          content: 'a todo scored while the model is down',
          sentiment: null,
        });
        expect(page.body.errors?.[0]).toMatchObject({
          path: ['todos', 'edges', 0, 'node', 'sentiment'],
          extensions: { code: 'INFERENCE_UNAVAILABLE' },
        });

        const models = await graphql(server.url, InferenceModelsDocument, {}, headers);
        expect(models.body.data?.inferenceModels[0]).toMatchObject({ ready: false, version: null });

        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ checks: { model: { ready: false } } });
      } finally {
        model.available = true;
      }
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    });
  });
});

describe('inference with the default model', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('scores with VADER in worker threads, out of the box', async () => {
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email: 'new@example.com', password: 'a long enough password', displayName: 'new' },
    });
    const token = registered.body.data?.register.auth?.accessToken;
    const response = await postGraphQL<{
      predictSentiment: { prediction: { sentiment: { label: string }; model: string } };
    }>(
      server.url,
      {
        query:
          'mutation { predictSentiment(text: "I love it") { prediction { model sentiment { label } } } }',
      },
      { authorization: `Bearer ${token}` },
    );
    expect(response.body.data?.predictSentiment.prediction).toEqual({
      model: 'vader-sentiment',
      sentiment: { label: 'POSITIVE' },
    });
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ checks: { model: { ready: true } } });

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('strata_inference_model_calls_total{backend="local",outcome="ok"} 1');
    expect(metrics).toContain('strata_inference_texts_scored_total{backend="local"} 1');
    expect(metrics).toMatch(
      /strata_inference_model_call_duration_seconds_count\{backend="local"\} 1/,
    );
  });
});

describe('inference with the default model, on a clock the test moves', () => {
  let server: TestServer;
  let headers: Record<string, string>;
  const clock = new FixedClock(new Date('2026-04-01T10:00:00.000Z'));
  const vaderVersion = (
    createRequire(import.meta.url)('vader-sentiment/package.json') as { version: string }
  ).version;

  beforeAll(async () => {
    server = await startTestServer({
      configure: (container) => container.rebind(CLOCK).toConstantValue(clock),
    });
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email: 'vader@example.com', password: 'a long enough password', displayName: 'v' },
    });
    headers = { authorization: `Bearer ${registered.body.data?.register.auth?.accessToken}` };
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the scores VADER gives, and the time of the prediction', async () => {
    clock.advance(1_000);
    const response = await graphql(
      server.url,
      PredictSentimentDocument,
      { text: 'I love it' },
      headers,
    );
    expect(response.body.errors).toBeUndefined();
    const prediction = response.body.data?.predictSentiment.prediction;
    // VADER 1.1.3 on "I love it": pos 0.808, neg 0, neu 0.192, compound 0.6369.
    expect(prediction).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      text: 'I love it',
      sentiment: {
        label: 'POSITIVE',
        score: 0.6369,
        positive: 0.808,
        negative: 0,
        neutral: 0.192,
        compound: 0.6369,
      },
      model: 'vader-sentiment',
      modelVersion: vaderVersion,
      createdAt: '2026-04-01T10:00:01.000Z',
    });
  });

  it('scores a batch with VADER, its proportions in [0, 1] summing to 1, all at one time', async () => {
    clock.advance(60_000);
    const texts = ['This is terrible and I hate it.', 'The table is in the kitchen.'];
    const response = await graphql(server.url, PredictSentimentBatchDocument, { texts }, headers);
    expect(response.body.errors).toBeUndefined();
    const predictions = response.body.data?.predictSentimentBatch.predictions ?? [];
    expect(
      predictions.map(({ text, sentiment, createdAt }) => ({ text, sentiment, createdAt })),
    ).toEqual([
      {
        text: texts[0],
        sentiment: {
          label: 'NEGATIVE',
          score: 0.7783,
          positive: 0,
          negative: 0.63,
          neutral: 0.37,
          compound: -0.7783,
        },
        createdAt: '2026-04-01T10:01:01.000Z',
      },
      {
        text: texts[1],
        sentiment: {
          label: 'NEUTRAL',
          score: 1,
          positive: 0,
          negative: 0,
          neutral: 1,
          compound: 0,
        },
        createdAt: '2026-04-01T10:01:01.000Z',
      },
    ]);
    for (const { sentiment } of predictions) {
      for (const share of [sentiment.positive, sentiment.negative, sentiment.neutral]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(sentiment.positive + sentiment.negative + sentiment.neutral).toBeCloseTo(1, 6);
    }

    // The history keeps each prediction's time, newest first (the batch's two share theirs,
    // so their order between them is the ids').
    const history = await graphql(server.url, PredictionsDocument, { first: 10 }, headers);
    const kept = history.body.data?.predictions.edges.map(({ node }) => [
      node.text,
      node.createdAt,
    ]);
    expect(kept).toHaveLength(3);
    expect(kept?.slice(0, 2).sort()).toEqual([
      [texts[1], '2026-04-01T10:01:01.000Z'],
      [texts[0], '2026-04-01T10:01:01.000Z'],
    ]);
    expect(kept?.[2]).toEqual(['I love it', '2026-04-01T10:00:01.000Z']);
  });
});
