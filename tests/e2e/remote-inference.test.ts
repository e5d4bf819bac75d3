import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from '#modules/inference/application/index.js';
import { RemoteSentimentModel } from '#modules/inference/infrastructure/open-inference/remote-sentiment-model.js';
import { CreateTodoHandler } from '#modules/todos/application/index.js';
import {
  InferenceModelsDocument,
  PredictSentimentDocument,
  RegisterDocument,
  TodoSentimentsDocument,
} from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { type RunningServer, spawnServer } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TOKEN = 'inference-serve-token-0123';

describe('two Stratas: one scores for the other over /v2', () => {
  let tier: RunningServer;
  let dataDir: string;
  let api: TestServer;
  let headers: Record<string, string>;
  let userId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'strata-tier-'));
    // The tier runs in production, where /v2 is served only with a token.
    tier = await spawnServer({ DATA_DIR: dataDir, INFERENCE_SERVE_TOKEN: TOKEN });
    // The URL and the token are configured: the model name defaults to the one Strata serves.
    api = await startTestServer({
      env: {
        INFERENCE_BACKEND: 'remote',
        INFERENCE_URL: tier.url,
        INFERENCE_TOKEN: TOKEN,
        INFERENCE_TIMEOUT_MS: '2000',
      },
    });
    const registered = await graphql(api.url, RegisterDocument, {
      input: { email: 'remote@example.com', password: 'a long enough password', displayName: 'R' },
    });
    const auth = registered.body.data?.register.auth;
    headers = { authorization: `Bearer ${auth?.accessToken}` };
    userId = auth?.user.id ?? '';
    await api.app.container
      .get(CreateTodoHandler)
      .execute({ ownerId: userId, content: 'I love this plan', tags: [] });
  }, 90_000);
  afterAll(async () => {
    await api?.close();
    if (tier?.process.exitCode === null) {
      await tier.stop();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('predicts through the remote model, with defaults and the shared token', async () => {
    const response = await graphql(
      api.url,
      PredictSentimentDocument,
      { text: 'What a wonderful day' },
      headers,
    );
    expect(response.body.data?.predictSentiment.prediction).toMatchObject({
      model: 'vader-sentiment',
      sentiment: { label: 'POSITIVE' },
    });
    const models = await graphql(api.url, InferenceModelsDocument, {}, headers);
    expect(models.body.data?.inferenceModels).toEqual([
      expect.objectContaining({ name: 'vader-sentiment', backend: 'REMOTE', ready: true }),
    ]);
    const todos = await graphql(api.url, TodoSentimentsDocument, { first: 5 }, headers);
    expect(todos.body.data?.todos.edges[0]?.node.sentiment?.label).toBe('POSITIVE');
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('keeps its /v2 shut to callers without the token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-the-token-at-all' },
    ];
    for (const headers of attempts) {
      const refused = await fetch(`${tier.url}/v2/models/vader-sentiment/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['hello'] }],
        }),
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="strata-inference"');
      expect(await refused.json()).toEqual({
        error: 'This server needs Authorization: Bearer <INFERENCE_SERVE_TOKEN>.',
      });
    }
    const allowed = await fetch(`${tier.url}/v2/health/ready`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect([allowed.status, await allowed.json()]).toEqual([200, { ready: true }]);
  });

  it('answers INFERENCE_UNAVAILABLE quickly once the other Strata stops', async () => {
    await tier.stop();
    const started = performance.now();
    const response = await graphql(
      api.url,
      PredictSentimentDocument,
      { text: 'a text never scored before' },
      headers,
    );
    const elapsed = performance.now() - started;
    expect(response.body.data?.predictSentiment).toMatchObject({
      prediction: null,
      userErrors: [
        {
          code: 'INFERENCE_UNAVAILABLE',
          field: null,
          message: 'The inference server cannot be used right now.',
        },
      ],
    });
    // Users are not told where the inference server runs.
    expect(JSON.stringify(response.body)).not.toContain(new URL(tier.url).host);
    expect(elapsed).toBeLessThan(5_000); // no hang: retries are bounded by the deadline

    const todos = await graphql(api.url, TodoSentimentsDocument, { first: 5 }, headers);
    // The todo's content was scored before: its cached score still answers.
    expect(todos.body.data?.todos.edges[0]?.node.sentiment?.label).toBe('POSITIVE');

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(
      /strata_inference_model_calls_total\{backend="remote",outcome="unavailable"\} [1-9]/,
    );

    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { model: { ready: false } } });
  });

  it('fails the remote adapter with ModelUnavailableError, not a hang, once it is stopped', async () => {
    if (tier.process.exitCode === null) {
      await tier.stop();
    }
    const model = new RemoteSentimentModel({
      url: tier.url,
      model: 'vader-sentiment',
      timeoutMs: 1_000,
      retries: 2,
      breakerCooldownMs: 10_000,
    });
    const started = performance.now();
    const error = await model.predict(['a text']).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as ModelUnavailableError).detail).toMatch(
      /refused the connection \(3 attempts\)/,
    );
    // 3 attempts of at most 1 s each and two short backoffs.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await model.ready()).toBe(false);
    await model.close();
  });
});
