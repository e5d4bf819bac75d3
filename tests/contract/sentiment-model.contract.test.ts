import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ModelBusyError,
  type SentimentModel,
} from '#modules/inference/application/ports/sentiment-model.js';
import { LocalVaderModel } from '#modules/inference/infrastructure/local-vader-model.js';
import { RemoteSentimentModel } from '#modules/inference/infrastructure/open-inference/remote-sentiment-model.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { type FakeMlServer, startFakeMlServer } from '../support/fake-mlserver.js';
import { type FakeTriton, startFakeTriton } from '../support/fake-triton.js';
import { type RunningServer, spawnServer } from '../support/processes.js';

/** The version of VADER installed: the local model and the tier serving it report it. */
const vaderVersion = (
  createRequire(import.meta.url)('vader-sentiment/package.json') as { version: string }
).version;

interface Subject {
  readonly name: string;
  /** The name and version the model describes itself with. */
  readonly describes: { readonly name: string; readonly version: string };
  start(): Promise<SentimentModel>;
  stop(): Promise<void>;
}

/** The remote adapter against a second Strata process serving its local model at /v2. */
function secondStrata(): Subject {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  return {
    name: 'RemoteSentimentModel (a second Strata process at /v2)',
    describes: { name: 'vader-sentiment', version: vaderVersion },
    async start() {
      dataDir = mkdtempSync(join(tmpdir(), 'strata-inference-tier-'));
      // In production a Strata serves /v2 only with a token, which its clients send.
      const token = 'inference-serve-token-0123';
      server = await spawnServer({
        DATA_DIR: dataDir,
        SERVICE_PREFIX: '/tier',
        INFERENCE_SERVE_TOKEN: token,
      });
      return new RemoteSentimentModel({
        url: server.url,
        model: 'vader-sentiment',
        token,
        timeoutMs: 10_000,
        retries: 1,
        breakerCooldownMs: 1_000,
      });
    },
    async stop() {
      await server?.stop();
      if (dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The remote adapter against a fake third-party server, with no tensor settings. */
function thirdParty(
  name: string,
  describes: Subject['describes'],
  start: () => Promise<FakeMlServer | FakeTriton>,
): Subject {
  let server: FakeMlServer | FakeTriton | undefined;
  return {
    name,
    describes,
    async start() {
      server = await start();
      return new RemoteSentimentModel({
        url: server.url,
        model: describes.name,
        timeoutMs: 10_000,
        retries: 1,
        breakerCooldownMs: 1_000,
      });
    },
    async stop() {
      await server?.close();
    },
  };
}

const inProcess = (
  name: string,
  describes: Subject['describes'],
  make: () => SentimentModel,
): Subject => {
  let model: SentimentModel | undefined;
  return {
    name,
    describes,
    async start() {
      model = make();
      return model;
    },
    async stop() {
      await model?.close();
    },
  };
};

const subjects: Subject[] = [
  inProcess(
    'LocalVaderModel (worker threads)',
    { name: 'vader-sentiment', version: vaderVersion },
    () => new LocalVaderModel({ workers: 2, maxBatchSize: 1000 }),
  ),
  inProcess(
    'ScriptedSentimentModel (tests/doubles)',
    { name: 'scripted', version: 'scripted-1' },
    () => new ScriptedSentimentModel(),
  ),
  secondStrata(),
  // The version is the one the answers name: this check runs after predictions.
  thirdParty(
    'RemoteSentimentModel (MLServer: VADER runtime, compound only, no versions listed)',
    { name: 'vader', version: 'v0.1.0' },
    startFakeMlServer,
  ),
  thirdParty(
    'RemoteSentimentModel (Triton: input TEXT, one FP32 output SCORE)',
    { name: 'sentiment', version: '1' },
    startFakeTriton,
  ),
];

describe.each(subjects)('SentimentModel contract: $name', (subject) => {
  let model: SentimentModel;
  beforeAll(async () => {
    model = await subject.start();
  }, 90_000);
  afterAll(async () => {
    await model?.close();
    await subject.stop();
  });

  it('labels clearly positive, negative and neutral texts', async () => {
    const [positive, negative, neutral] = await model.predict([
      'I love this, it is great!',
      'This is terrible and I hate it.',
      'The table is in the kitchen.',
    ]);
    expect(positive?.label).toBe('POSITIVE');
    expect(negative?.label).toBe('NEGATIVE');
    expect(neutral?.label).toBe('NEUTRAL');
  });

  it('answers in the order of the texts, for a batch of 1000', async () => {
    const texts = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? `great day q${i}` : `awful day q${i}`,
    );
    const results = await model.predict(texts);
    expect(results.map((result) => result.label)).toEqual(
      texts.map((_, i) => (i % 2 === 0 ? 'POSITIVE' : 'NEGATIVE')),
    );
  });

  it('keeps every score in range and the label consistent with the compound', async () => {
    const results = await model.predict(['good', 'bad', 'plain words', 'good good bad']);
    expect(results).toHaveLength(4);
    for (const result of results) {
      for (const value of [result.score, result.positive, result.negative, result.neutral]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(result.compound).toBeGreaterThanOrEqual(-1);
      expect(result.compound).toBeLessThanOrEqual(1);
      // The three proportions share the text between them.
      expect(result.positive + result.negative + result.neutral).toBeCloseTo(1, 2);
      const expected =
        result.compound >= 0.05 ? 'POSITIVE' : result.compound <= -0.05 ? 'NEGATIVE' : 'NEUTRAL';
      expect(result.label).toBe(expected);
    }
  });

  it('answers an empty batch with nothing, and describes itself', async () => {
    expect(await model.predict([])).toEqual([]);
    const meta = await model.metadata();
    expect(meta.labels).toEqual(expect.arrayContaining(['POSITIVE', 'NEGATIVE', 'NEUTRAL']));
    expect(meta.maxBatchSize).toBeGreaterThanOrEqual(1);
    expect({ name: meta.name, version: meta.version }).toEqual(subject.describes);
    expect(await model.ready()).toBe(true);
  });
});

describe('LocalVaderModel', () => {
  it('scores off the event loop: other work runs while a large batch is scored', async () => {
    const model = new LocalVaderModel({ workers: 2, maxBatchSize: 1000 });
    try {
      await model.ready();
      const texts = Array.from(
        { length: 20_000 },
        (_, i) => `a rather long and happy sentence number ${i}`,
      );
      let finished = false;
      const prediction = model.predict(texts).then(() => {
        finished = true;
      });
      const ranDuring = await new Promise<boolean>((resolve) =>
        setImmediate(() => resolve(!finished)),
      );
      await prediction;
      expect(ranDuring).toBe(true);
      expect(finished).toBe(true);
    } finally {
      await model.close();
    }
  });

  it('answers a batch cut into many chunks in the order of its texts', async () => {
    const model = new LocalVaderModel({ workers: 2, maxBatchSize: 1000 });
    try {
      const texts = Array.from({ length: 200 }, (_, i) =>
        i % 3 === 0
          ? `awful terrible day ${i}`
          : i % 3 === 1
            ? `wonderful lovely day ${i}`
            : `day ${i}`,
      );
      const together = await model.predict(texts);
      const alone = await Promise.all(texts.map(async (text) => (await model.predict([text]))[0]));
      expect(together).toEqual(alone);
    } finally {
      await model.close();
    }
  });

  it('scores a short job ahead of large batches queued before it', async () => {
    const model = new LocalVaderModel({ workers: 1, maxBatchSize: 1000 });
    try {
      await model.ready();
      const long = 'a long and mostly happy sentence about a good day '.repeat(20);
      const batches = Array.from({ length: 2 }, () => Array.from({ length: 500 }, () => long));
      const order: string[] = [];
      const bulk = batches.map((batch, i) =>
        model.predict(batch).then(() => order.push(`bulk ${i}`)),
      );
      const short = model.predict(['what a great day']).then(() => order.push('short'));
      await Promise.all([...bulk, short]);
      expect(order[0]).toBe('short');
    } finally {
      await model.close();
    }
  });

  it('refuses work at once as busy, with a time to retry, while its queue is full, and takes it again once drained', async () => {
    const model = new LocalVaderModel({
      workers: 1,
      maxBatchSize: 1000,
      queueCharacters: 1_500_000,
    });
    try {
      const long = 'x'.repeat(1000);
      const batch = Array.from({ length: 1000 }, () => long);
      const first = model.predict(batch);
      const refused = await model.predict(batch).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ModelBusyError);
      expect((refused as ModelBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      // Asked before any text is sent, it says the same: busy for that much, free for less.
      expect(model.busyFor(1_000_000)).toBeGreaterThanOrEqual(1);
      expect(model.busyFor(100_000)).toBeNull();
      await first;
      expect(model.busyFor(1_000_000)).toBeNull();
      await expect(model.predict(batch)).resolves.toHaveLength(1000);
    } finally {
      await model.close();
    }
  });

  it('refuses work once closed', async () => {
    const model = new LocalVaderModel({ workers: 1, maxBatchSize: 10 });
    await model.close();
    await expect(model.predict(['hello'])).rejects.toThrow(/closed/);
  });
});
