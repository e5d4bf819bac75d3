import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictSentimentDocument, RegisterDocument } from '../../schema/generated/graphql.js';
import { type FakeMlServer, startFakeMlServer } from '../support/fake-mlserver.js';
import { graphql } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Strata with INFERENCE_BACKEND=remote in front of MLServer (compound score only)', () => {
  let mlserver: FakeMlServer;
  let api: TestServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    mlserver = await startFakeMlServer();
    api = await startTestServer({
      env: {
        INFERENCE_BACKEND: 'remote',
        INFERENCE_URL: mlserver.url,
        INFERENCE_MODEL: 'vader',
        INFERENCE_TIMEOUT_MS: '2000',
        INFERENCE_RETRIES: '1',
      },
    });
    const registered = await graphql(api.url, RegisterDocument, {
      input: {
        email: 'mlserver@example.com',
        password: 'a long enough password',
        displayName: 'M',
      },
    });
    headers = { authorization: `Bearer ${registered.body.data?.register.auth?.accessToken}` };
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await mlserver?.close();
  });

  it('is ready, predicts, and stores the version MLServer answers with', async () => {
    // MLServer answers readiness with 200 and no body.
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    const [first, second] = await Promise.all([
      graphql(api.url, PredictSentimentDocument, { text: 'What a wonderful day' }, headers),
      graphql(api.url, PredictSentimentDocument, { text: 'What an awful day' }, headers),
    ]);
    expect(first.body.data?.predictSentiment.prediction).toMatchObject({
      model: 'vader',
      modelVersion: 'v0.1.0',
      sentiment: { label: 'POSITIVE' },
    });
    expect(second.body.data?.predictSentiment.prediction).toMatchObject({
      modelVersion: 'v0.1.0',
      sentiment: { label: 'NEGATIVE' },
    });
  });

  it('reports INFERENCE_UNAVAILABLE without internal hosts once MLServer stops', async () => {
    await mlserver.close();
    const response = await graphql(
      api.url,
      PredictSentimentDocument,
      { text: 'a text never scored before' },
      headers,
    );
    expect(response.body.data?.predictSentiment).toMatchObject({
      prediction: null,
      userErrors: [{ code: 'INFERENCE_UNAVAILABLE', field: null }],
    });
    expect(JSON.stringify(response.body)).not.toContain(new URL(mlserver.url).host);
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
  });
});
