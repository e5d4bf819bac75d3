import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PredictSentimentHandler } from '#modules/inference/application/commands/predict-sentiment.command.js';
import { ModelUnavailableError } from '#modules/inference/application/ports/sentiment-model.js';
import { ScoringQuota } from '#modules/inference/application/services/scoring-quota.js';
import { TextScorer } from '#modules/inference/application/services/text-scorer.js';
import { DrizzlePredictionRepository } from '#modules/inference/infrastructure/drizzle-prediction.repository.js';
import { DrizzleScoreCache } from '#modules/inference/infrastructure/drizzle-score-cache.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { FixedClock } from '../../doubles/fixed-clock.js';
import { ScriptedSentimentModel } from '../../doubles/scripted-sentiment-model.js';
import { SequentialIds } from '../../doubles/sequential-ids.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const USER = '30000000-0000-4000-8000-000000000001';

describe('PredictSentiment', () => {
  let database: TestDatabase;
  let model: ScriptedSentimentModel;
  let handler: PredictSentimentHandler;
  let ids: SequentialIds;

  const build = (
    scripted: ScriptedSentimentModel,
    clock = new FixedClock(),
    perMinute = 10_000,
  ) => {
    const context = new DatabaseContext(database.db);
    return new PredictSentimentHandler(
      new TextScorer(scripted, new DrizzleScoreCache(context)),
      new DrizzlePredictionRepository(context),
      context,
      ids,
      clock,
      new ScoringQuota({ scoredTextsPerMinute: perMinute }, clock),
      new OutboxEventPublisher(context, { info: () => {} }),
    );
  };
  const count = async (table: string) =>
    Number(
      rowsOf<{ n: number }>(
        await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
      )[0]?.n,
    );

  beforeEach(async () => {
    database = await openTestDatabase();
    ids = new SequentialIds();
    model = new ScriptedSentimentModel();
    handler = build(model);
  });
  afterEach(async () => {
    await database.close();
  });

  it('PredictSentiment with awkward characters stores texts exactly and finds them cached again', async () => {
    const texts = [
      'say "good", then {bad}',
      'back\\slash \\" and a comma, too',
      'NULL',
      "it's great 🎉 — ünïcödé",
      '  leading and trailing spaces  ',
      '{}',
    ];
    const first = await handler.execute({ userId: USER, texts, field: 'texts' });
    expect(first.ok).toBe(true);
    const stored = rowsOf<{ text: string }>(
      await database.db.execute(
        sql.raw('select text from inference.predictions order by created_at, id'),
      ),
    ).map((row) => row.text);
    expect(stored.sort()).toEqual([...texts].sort());
    expect(await count('inference.sentiment_scores')).toBe(texts.length);

    const calls = model.calls;
    const again = await handler.execute({ userId: USER, texts, field: 'texts' });
    expect(again.ok).toBe(true);
    expect(model.calls).toBe(calls); // every text was found in the cache
  });

  it('PredictSentiment for a batch answers in input order and stores each prediction', async () => {
    const result = await handler.execute({
      userId: USER,
      texts: ['a great day', 'an awful day', 'a day'],
      field: 'texts',
    });
    expect(result.ok).toBe(true);
    const labels = result.ok ? result.value.map((view) => [view.text, view.sentiment.label]) : [];
    expect(labels).toEqual([
      ['a great day', 'POSITIVE'],
      ['an awful day', 'NEGATIVE'],
      ['a day', 'NEUTRAL'],
    ]);
    expect(result.ok && result.value[0]).toMatchObject({
      model: 'scripted',
      modelVersion: 'scripted-1',
    });
    expect(await count('inference.predictions')).toBe(3);
    expect(await count('inference.sentiment_scores')).toBe(3);
  });

  it('PredictSentiment for texts scored before does not score them again', async () => {
    await handler.execute({ userId: USER, texts: ['good news', 'good news'], field: 'texts' });
    expect(model.scoredTexts).toEqual(['good news']);
    const other = '30000000-0000-4000-8000-000000000002';
    await handler.execute({ userId: other, texts: ['good news', 'bad news'], field: 'texts' });
    expect(model.scoredTexts).toEqual(['good news', 'bad news']);
    expect(model.calls).toBe(2);
    expect(await count('inference.predictions')).toBe(4);
  });

  it('PredictSentiment with another model version scores again', async () => {
    await handler.execute({ userId: USER, texts: ['good news'], field: 'text' });
    const upgraded = new ScriptedSentimentModel('scripted-2');
    await build(upgraded).execute({ userId: USER, texts: ['good news'], field: 'text' });
    expect(upgraded.scoredTexts).toEqual(['good news']);
    expect(await count('inference.sentiment_scores')).toBe(2);
  });

  it.each([
    ['no texts', [], 'INVALID_BATCH', 'texts'],
    ['1001 texts', Array.from({ length: 1001 }, () => 'x'), 'INVALID_BATCH', 'texts'],
    ['an empty text at index 2', ['fine', 'also fine', '  '], 'INVALID_TEXT', 'texts.2'],
    ['a text over 5000 characters', ['x'.repeat(5001)], 'INVALID_TEXT', 'texts.0'],
  ])('PredictSentiment_With_%s_IsRefusedWithoutScoringOrWriting', async (_, texts, code, field) => {
    const result = await handler.execute({ userId: USER, texts, field: 'texts' });
    expect(result.ok ? null : result.error[0]).toMatchObject({ code, field });
    expect(model.calls).toBe(0);
    expect(await count('inference.predictions')).toBe(0);
  });

  it('PredictSentiment when the model is unavailable answers inference unavailable and writes nothing', async () => {
    model.predict = async () => {
      throw new ModelUnavailableError('The inference server did not answer in time.');
    };
    const result = await handler.execute({ userId: USER, texts: ['good'], field: 'text' });
    expect(result.ok ? null : result.error[0]?.code).toBe('INFERENCE_UNAVAILABLE');
    expect(await count('inference.predictions')).toBe(0);
    expect(await count('inference.sentiment_scores')).toBe(0);
  });

  it("PredictSentiment past the user's rate of scored texts is refused with a wait, writes nothing, and is served again once the share refills", async () => {
    const clock = new FixedClock();
    const limited = build(model, clock, 60);
    const first = await limited.execute({
      userId: USER,
      texts: Array(50).fill('fine day'),
      field: 'texts',
    });
    expect(first.ok).toBe(true);
    const refused = await limited.execute({
      userId: USER,
      texts: Array(20).fill('grey day'),
      field: 'texts',
    });
    expect(refused).toEqual({
      ok: false,
      error: [
        expect.objectContaining({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } }),
      ],
    });
    expect(await count('inference.predictions')).toBe(50);
    const other = await limited.execute({
      userId: '30000000-0000-4000-8000-000000000002',
      texts: ['grey day'],
      field: 'text',
    });
    expect(other.ok).toBe(true);
    clock.advance(10_000);
    const again = await limited.execute({
      userId: USER,
      texts: Array(20).fill('grey day'),
      field: 'texts',
    });
    expect(again.ok).toBe(true);
  });

  it('PredictSentiment twice at once for the same new text both succeed with one stored score', async () => {
    const results = await Promise.all([
      handler.execute({ userId: USER, texts: ['happy times'], field: 'text' }),
      handler.execute({ userId: USER, texts: ['happy times'], field: 'text' }),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await count('inference.sentiment_scores')).toBe(1);
    expect(await count('inference.predictions')).toBe(2);
  });
});
