import { count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SENTIMENT_MODEL } from '#modules/inference/application/index.js';
import { predictionsTable } from '#modules/inference/infrastructure/inference.tables.js';
import { RegisterDocument } from '../../schema/generated/graphql.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { graphql } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PREDICT = JSON.stringify({
  query:
    'mutation { predictSentiment(text: "a good day") { prediction { id } userErrors { code } } }',
});

describe('cancelled requests', () => {
  let server: TestServer;
  let authorization: string;
  const model = new ScriptedSentimentModel();

  const predictions = async () => {
    const [row] = await server.database.db.select({ n: count() }).from(predictionsTable);
    return row?.n ?? 0;
  };
  const predict = (signal?: AbortSignal) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: PREDICT,
      ...(signal ? { signal } : {}),
    });

  beforeAll(async () => {
    server = await startTestServer({
      env: { REQUEST_TIMEOUT_MS: '500' },
      configure: (container) => container.rebind(SENTIMENT_MODEL).toConstantValue(model),
    });
    const registered = await graphql(server.url, RegisterDocument, {
      input: { email: 'cancel@example.com', password: 'a long enough password', displayName: 'C' },
    });
    authorization = `Bearer ${registered.body.data?.register.auth?.accessToken}`;
  });
  beforeEach(async () => {
    model.delayMs = 0;
    await server.database.db.delete(predictionsTable);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a request past its deadline with 503 REQUEST_TIMEOUT at the deadline, and writes nothing after', async () => {
    model.delayMs = 1_500;
    const started = performance.now();
    const response = await predict();
    const ms = performance.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      errors: [
        {
          message: 'The request ran longer than 500 ms and was stopped.',
          extensions: { code: 'REQUEST_TIMEOUT', requestId: expect.any(String) },
        },
      ],
    });
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1_400);
    // The model answers later; the cancelled request must not record its prediction.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await predictions()).toBe(0);
  });

  it('stops a request whose client has gone: the prediction it was making is not recorded', async () => {
    model.delayMs = 300;
    const client = new AbortController();
    const sent = predict(client.signal).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.abort();
    expect(await sent).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(model.calls).toBeGreaterThan(0);
    expect(await predictions()).toBe(0);
  });

  it('still records a prediction whose client waits, and two at once', async () => {
    model.delayMs = 100;
    const [first, second] = await Promise.all([predict(), predict()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await predictions()).toBe(2);
  });
});
