import { count } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from '#modules/inference/application/ports/sentiment-model.js';
import {
  predictionsTable,
  sentimentScoresTable,
} from '#modules/inference/infrastructure/inference.tables.js';
import {
  type RemoteModelOptions,
  RemoteSentimentModel,
} from '#modules/inference/infrastructure/open-inference/remote-sentiment-model.js';
import {
  type FaultyInferenceServer,
  startFaultyInferenceServer,
} from '../../support/faulty-inference-server.js';
import { predictSentimentWith } from '../../support/predict-sentiment.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('RemoteSentimentModel against a faulty server', () => {
  let server: FaultyInferenceServer;
  const models: RemoteSentimentModel[] = [];
  /** How long the `slow` server waits: far past every deadline the tests set. */
  const SLOW_MS = 10_000;
  // Deadlines and cooldowns leave seconds of margin on a busy machine: a test that means to
  // hit one sets it, and the others never come near it.
  const remote = (options: Partial<RemoteModelOptions> = {}) => {
    const model = new RemoteSentimentModel({
      url: server.url,
      model: 'scripted',
      timeoutMs: 5_000,
      retries: 2,
      breakerCooldownMs: 60_000,
      ...options,
    });
    models.push(model);
    return model;
  };
  /** How long a failing call took, and its error. */
  const failure = async (work: Promise<unknown>) => {
    const started = performance.now();
    const error = await work.then(
      () => null,
      (caught: unknown) => caught,
    );
    return { error, ms: performance.now() - started };
  };

  beforeAll(async () => {
    server = await startFaultyInferenceServer();
  });
  beforeEach(() => {
    server.mode = 'ok';
    server.faultsLeft = Number.POSITIVE_INFINITY;
    server.delayMs = SLOW_MS;
    server.requests = 0;
  });
  afterEach(async () => {
    await Promise.all(models.splice(0).map((model) => model.close()));
  });
  afterAll(async () => {
    await server.close();
  });

  it('scores in input order when the server behaves, splitting nothing it can take', async () => {
    const model = remote();
    const results = await model.predict(['good', 'bad', 'plain']);
    expect(results.map((result) => result.label)).toEqual(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
    expect(await model.metadata()).toMatchObject({
      name: 'scripted',
      version: 'scripted-1',
      backend: 'remote',
    });
    expect(await model.ready()).toBe(true);
    expect(await model.predict([])).toEqual([]);
  });

  it('gives up on a slow server after a deadline per attempt, retries included', async () => {
    const model = remote({ timeoutMs: 1_000, retries: 2 });
    await model.metadata();
    server.mode = 'slow';
    server.requests = 0;
    const { error, ms } = await failure(model.predict(['good']));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toBe('The inference server did not answer in time.');
    expect((error as ModelUnavailableError).detail).toMatch(
      /^The inference server at http:\/\/127\.0\.0\.1:\d+ did not answer within 1000 ms \(3 attempts\)\.$/,
    );
    expect(server.requests).toBe(3);
    // 3 deadlines of 1 s and at most 2 backoffs of 500 ms; waiting for the server even once
    // would take 10 s.
    expect(ms).toBeGreaterThanOrEqual(2_900);
    expect(ms).toBeLessThan(8_000);
  });

  it('retries a timeout: a server slow once answers the next attempt', async () => {
    const model = remote({ timeoutMs: 2_000, retries: 1 });
    await model.metadata();
    server.mode = 'slow';
    server.faultsLeft = 1;
    server.requests = 0;
    expect((await model.predict(['bad'])).map((result) => result.label)).toEqual(['NEGATIVE']);
    expect(server.requests).toBe(2);
  });

  it('retries a 500 with backoff, then says what the server answered', async () => {
    const model = remote({ retries: 2, timeoutMs: 2_000 });
    await model.metadata();
    server.mode = 'error500';
    server.requests = 0;
    const { error } = await failure(model.predict(['good']));
    expect((error as ModelUnavailableError).detail).toMatch(
      /answered 500: the model crashed \(3 attempts\)\.$/,
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(server.requests).toBe(3);
  });

  it('retries a dropped connection', async () => {
    const model = remote({ retries: 1, timeoutMs: 2_000 });
    await model.metadata();
    server.mode = 'reset';
    server.requests = 0;
    const { error } = await failure(model.predict(['good']));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as ModelUnavailableError).detail).toMatch(
      /closed the connection|reset the connection/,
    );
    expect(server.requests).toBe(2);
  });

  it.each([
    { mode: 'malformed' as const, message: /malformed response: the body is not JSON/ },
    { mode: 'wrong-length' as const, message: /malformed response: .*0 values for 1 texts/ },
  ])('does not retry a $mode answer', async ({ mode, message }) => {
    const model = remote();
    await model.metadata();
    server.mode = mode;
    server.requests = 0;
    const { error } = await failure(model.predict(['good']));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as ModelUnavailableError).detail).toMatch(message);
    expect(server.requests).toBe(1);
  });

  it('does not retry a 404 (an unknown model), nor count it against the server', async () => {
    const model = remote({ model: 'missing', breakerThreshold: 2 });
    for (let i = 1; i <= 3; i += 1) {
      const { error } = await failure(model.metadata());
      expect(error).toBeInstanceOf(ModelUnavailableError);
      expect((error as ModelUnavailableError).detail).toMatch(/answered 404: no route GET/);
      expect(server.requests).toBe(i); // one request each: no retry, and no circuit open
    }
  });

  it('reads a server that is up but not ready as not ready, without opening the circuit', async () => {
    const model = remote({ breakerThreshold: 2 });
    server.mode = 'unready';
    for (let i = 0; i < 3; i += 1) {
      expect(await model.ready()).toBe(false);
    }
    expect(server.requests).toBe(3);
    server.mode = 'ok';
    expect(await model.ready()).toBe(true);
  });

  /** The labels of a prediction, or 'failed' while the model refuses to score. */
  const labelsOrFailed = (model: RemoteSentimentModel) =>
    model.predict(['good']).then(
      (results) => results.map((result) => result.label),
      () => 'failed',
    );

  it('opens the circuit after repeated failures, then recovers after the cooldown', async () => {
    // Long enough that the checks made while it is open finish well inside it.
    const cooldownMs = 2_000;
    const model = remote({ retries: 0, breakerCooldownMs: cooldownMs, breakerThreshold: 3 });
    await model.metadata();
    server.mode = 'error500';
    const refused = { detail: expect.stringMatching(/answered 500/) };
    await expect(model.predict(['good'])).rejects.toMatchObject(refused);
    await expect(model.predict(['good'])).rejects.toMatchObject(refused);
    const opened = Date.now(); // no later than the failure that opens the circuit
    await expect(model.predict(['good'])).rejects.toMatchObject(refused);
    server.requests = 0;
    const open = await failure(model.predict(['good']));
    expect(open.error).toBeInstanceOf(ModelUnavailableError);
    expect((open.error as ModelUnavailableError).detail).toMatch(
      /circuit open\); trying again in [12] s\.$/,
    );
    expect(server.requests).toBe(0); // failed fast, without asking the server

    server.mode = 'ok';
    // Calls keep failing fast until the cooldown is over; then one goes through and heals it.
    await expect
      .poll(() => labelsOrFailed(model), { timeout: 15_000, interval: 100 })
      .toEqual(['POSITIVE']);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(cooldownMs);
    expect(server.requests).toBe(1);
    expect(await model.ready()).toBe(true);
  });

  it('never opens the circuit on failed readiness probes: predictions still go through', async () => {
    const model = remote({ retries: 0, breakerThreshold: 2 });
    server.mode = 'error500';
    for (let i = 0; i < 5; i += 1) {
      expect(await model.ready()).toBe(false);
    }
    server.mode = 'ok';
    expect((await model.predict(['good'])).map((result) => result.label)).toEqual(['POSITIVE']);
    expect(await model.ready()).toBe(true);
  });

  it('succeeds when the server recovers between attempts', async () => {
    const model = remote({ retries: 3, timeoutMs: 3_000 });
    await model.metadata();
    server.mode = 'error500';
    server.faultsLeft = 2;
    server.requests = 0;
    expect((await model.predict(['good'])).map((result) => result.label)).toEqual(['POSITIVE']);
    expect(server.requests).toBe(3);
  });

  it('answers ready=false, never an error, while the server is down', async () => {
    const model = remote();
    server.mode = 'error500';
    expect(await model.ready()).toBe(false);
    server.mode = 'reset';
    expect(await model.ready()).toBe(false);
  });

  describe('behind the PredictSentiment use case', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => {
      await database.close();
    });

    it('stores nothing when the server fails', async () => {
      // A high threshold: this test is about storage, not the circuit.
      const model = remote({ retries: 1, breakerThreshold: 50 });
      const handler = predictSentimentWith(model, database.db);
      const command = {
        userId: '00000000-0000-4000-8000-000000000001',
        texts: ['good news', 'bad news'],
        field: 'texts' as const,
      };
      for (const mode of ['error500', 'malformed', 'reset'] as const) {
        server.mode = mode;
        const result = await handler.execute(command);
        expect(result.ok ? null : result.error[0]?.code).toBe('INFERENCE_UNAVAILABLE');
      }
      const [predictions] = await database.db.select({ n: count() }).from(predictionsTable);
      const [scores] = await database.db.select({ n: count() }).from(sentimentScoresTable);
      expect([predictions?.n, scores?.n]).toEqual([0, 0]);

      server.mode = 'ok';
      const result = await handler.execute(command);
      expect(result.ok).toBe(true);
      const [after] = await database.db.select({ n: count() }).from(predictionsTable);
      expect(after?.n).toBe(2);
    });
  });
});
