import { and, eq, sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { ModelKey, ScoreCache } from '../application/ports/score-cache.js';
import type { Sentiment } from '../domain/sentiment.js';
import { sentimentScoresTable, toSentiment } from './inference.tables.js';
import { textHash } from './text-hash.js';

/**
 * Texts travel as one array parameter per column (`= any($1)`, `unnest(...)`), not one
 * parameter per value: a 1000-text batch is then a short statement that costs the event
 * loop almost nothing to build.
 */
@injectable()
export class DrizzleScoreCache implements ScoreCache {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async find(key: ModelKey, texts: readonly string[]): Promise<Map<string, Sentiment>> {
    const byHash = new Map(texts.map((text) => [textHash(text), text]));
    if (byHash.size === 0) {
      return new Map();
    }
    const rows = await this.database.db
      .select()
      .from(sentimentScoresTable)
      .where(
        and(
          eq(sentimentScoresTable.model, key.model),
          eq(sentimentScoresTable.modelVersion, key.version),
          sql`${sentimentScoresTable.textHash} = any(${sql.param([...byHash.keys()])}::text[])`,
        ),
      );
    return new Map(rows.map((row) => [byHash.get(row.textHash) as string, toSentiment(row)]));
  }

  async store(key: ModelKey, scores: ReadonlyMap<string, Sentiment>, at: Date): Promise<void> {
    if (scores.size === 0) {
      return;
    }
    const entries = [...scores];
    const column = <T>(pick: (sentiment: Sentiment) => T) =>
      sql.param(entries.map(([, sentiment]) => pick(sentiment)));
    // Two requests may score the same new text at once; the first stored score stands.
    await this.database.db.execute(sql`
      insert into ${sentimentScoresTable} (model, model_version, text_hash, label, score,
        positive, negative, neutral, compound, created_at)
      select ${key.model}, ${key.version}, scored.*, ${at.toISOString()}::timestamptz
      from unnest(
        ${sql.param(entries.map(([text]) => textHash(text)))}::text[],
        ${column((s) => s.label)}::text[],
        ${column((s) => s.score)}::real[],
        ${column((s) => s.positive)}::real[],
        ${column((s) => s.negative)}::real[],
        ${column((s) => s.neutral)}::real[],
        ${column((s) => s.compound)}::real[]
      ) as scored
      on conflict do nothing`);
  }
}
