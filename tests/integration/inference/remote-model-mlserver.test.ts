import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from '#modules/inference/application/ports/sentiment-model.js';
import { predictionsTable } from '#modules/inference/infrastructure/inference.tables.js';
import {
  type RemoteModelOptions,
  RemoteSentimentModel,
} from '#modules/inference/infrastructure/open-inference/remote-sentiment-model.js';
import { type FakeMlServer, startFakeMlServer } from '../../support/fake-mlserver.js';
import { predictSentimentWith } from '../../support/predict-sentiment.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const vader = createRequire(import.meta.url)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

describe('RemoteSentimentModel in front of MLServer (a VADER runtime returning compound alone)', () => {
  let server: FakeMlServer;
  const models: RemoteSentimentModel[] = [];
  const remote = (options: Partial<RemoteModelOptions> = {}) => {
    const model = new RemoteSentimentModel({
      url: server.url,
      model: 'vader',
      timeoutMs: 5_000,
      retries: 1,
      breakerCooldownMs: 60_000,
      ...options,
    });
    models.push(model);
    return model;
  };
  const asked = (key: string) => server.requests.get(key) ?? 0;

  beforeEach(async () => {
    server = await startFakeMlServer();
  });
  afterEach(async () => {
    await Promise.all(models.splice(0).map((model) => model.close()));
    await server.close();
  });

  it('reads readiness by status: 200 with an empty body is ready, 400 is not', async () => {
    const model = remote();
    expect(await model.ready()).toBe(true);
    server.ready = false;
    expect(await model.ready()).toBe(false);
  });

  it('never lets failed readiness probes stop predictions', async () => {
    const model = remote({ breakerThreshold: 2 });
    server.ready = false;
    for (let i = 0; i < 6; i += 1) {
      expect(await model.ready()).toBe(false);
    }
    const [result] = await model.predict(['I love this']);
    expect(result?.label).toBe('POSITIVE');
  });

  it('derives label and score from the compound score, as Strata classifies it', async () => {
    const texts = ['I love this', 'I hate this', 'The meeting is at noon'];
    const results = await remote().predict(texts);
    const compounds = texts.map(
      (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
    );
    expect(results.map((result) => result.label)).toEqual(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
    expect(results.map((result) => result.compound)).toEqual(compounds);
    expect(results[0]).toMatchObject({
      score: compounds[0],
      positive: compounds[0],
      negative: 0,
      neutral: 1 - (compounds[0] ?? 0),
    });
  });

  it('takes the model version from the answers, and describes the model once, not per call', async () => {
    const model = remote();
    expect((await model.metadata()).version).toBe('unversioned');
    for (let i = 0; i < 4; i += 1) {
      await model.predict([`text ${i}`]);
    }
    expect((await model.metadata()).version).toBe('v0.1.0');
    expect(asked('GET /v2/models/vader')).toBe(1);

    // An upgrade shows in the next answer: the model is described afresh, once.
    server.version = 'v0.2.0';
    await model.predict(['after the upgrade']);
    expect((await model.metadata()).version).toBe('v0.2.0');
    await model.predict(['and again']);
    expect(asked('GET /v2/models/vader')).toBe(2);
  });

  it("keeps MLServer's 422 detail for operators, and gives users a sentence without hosts", async () => {
    server.rejectInfer = true;
    const error = await remote()
      .predict(['a private text'])
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    const { message, detail } = error as ModelUnavailableError;
    expect(message).toBe('The inference server refused the request.');
    expect(message).not.toContain('127.0.0.1');
    expect(detail).toContain(server.url);
    expect(detail).toContain('answered 422: body.inputs: Field required');
    expect(detail).not.toContain('a private text');
  });

  it('answers unavailable without naming the host once MLServer stops', async () => {
    const model = remote({ retries: 0 });
    await model.predict(['warm']);
    await server.close();
    const error = await model.predict(['cold']).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect((error as ModelUnavailableError).message).toBe(
      'The inference server cannot be used right now.',
    );
    expect((error as ModelUnavailableError).detail).toMatch(
      /(refused|closed|reset) the connection/,
    );
    expect(await model.ready()).toBe(false);
    server = await startFakeMlServer(); // for afterEach
  });

  it('serves two predictions at once', async () => {
    const model = remote();
    const [a, b] = await Promise.all([model.predict(['I love it']), model.predict(['I hate it'])]);
    expect([a[0]?.label, b[0]?.label]).toEqual(['POSITIVE', 'NEGATIVE']);
  });

  describe('behind the PredictSentiment use case', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => {
      await database.close();
    });

    it("stores predictions under MLServer's model version", async () => {
      const model = remote();
      const handler = predictSentimentWith(model, database.db);
      const userId = '00000000-0000-4000-8000-000000000002';
      const result = await handler.execute({
        userId,
        texts: ['good news', 'bad news'],
        field: 'texts',
      });
      expect(result.ok).toBe(true);
      const stored = await database.db
        .select({ version: predictionsTable.modelVersion })
        .from(predictionsTable)
        .where(eq(predictionsTable.userId, userId));
      expect(stored.map((row) => row.version)).toEqual(['v0.1.0', 'v0.1.0']);
      expect(result.ok && result.value.map((prediction) => prediction.sentiment.label)).toEqual([
        'POSITIVE',
        'NEGATIVE',
      ]);
    });
  });
});
