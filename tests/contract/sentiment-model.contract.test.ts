import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentimentModel } from '#modules/inference/application/ports/sentiment-model.js';
import { LocalVaderModel } from '#modules/inference/infrastructure/local-vader-model.js';
import { RemoteSentimentModel } from '#modules/inference/infrastructure/open-inference/remote-sentiment-model.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { type RunningServer, spawnServer } from '../support/processes.js';

interface Subject {
  readonly name: string;
  start(): Promise<SentimentModel>;
  stop(): Promise<void>;
}

/** The remote adapter against a second Strata process serving its local model at /v2. */
function secondStrata(): Subject {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  return {
    name: 'RemoteSentimentModel (a second Strata process at /v2)',
    async start() {
      dataDir = mkdtempSync(join(tmpdir(), 'strata-inference-tier-'));
      server = await spawnServer({ DATA_DIR: dataDir, SERVICE_PREFIX: '/tier' });
      return new RemoteSentimentModel({
        url: server.url,
        model: 'vader-sentiment',
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

const inProcess = (name: string, make: () => SentimentModel): Subject => {
  let model: SentimentModel | undefined;
  return {
    name,
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
    () => new LocalVaderModel({ workers: 2, maxBatchSize: 1000 }),
  ),
  inProcess('ScriptedSentimentModel (tests/impl)', () => new ScriptedSentimentModel()),
  secondStrata(),
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
    expect(results).toHaveLength(1000);
    expect(
      results.every((result, i) => result.label === (i % 2 === 0 ? 'POSITIVE' : 'NEGATIVE')),
    ).toBe(true);
  });

  it('keeps every score in range and the label consistent with the compound', async () => {
    const results = await model.predict(['good', 'bad', 'plain words', 'good good bad']);
    for (const result of results) {
      for (const value of [result.score, result.positive, result.negative, result.neutral]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(result.compound).toBeGreaterThanOrEqual(-1);
      expect(result.compound).toBeLessThanOrEqual(1);
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
    expect(meta.name).toBeTruthy();
    expect(meta.version).toBeTruthy();
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

  it('refuses work once closed', async () => {
    const model = new LocalVaderModel({ workers: 1, maxBatchSize: 10 });
    await model.close();
    await expect(model.predict(['hello'])).rejects.toThrow(/closed/);
  });
});
