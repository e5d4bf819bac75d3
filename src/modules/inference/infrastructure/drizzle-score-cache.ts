import { and, eq, inArray } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '../../../shared/infrastructure/database/database-context.js';
import type { ModelKey, ScoreCache } from '../application/ports/score-cache.js';
import type { Sentiment } from '../domain/sentiment.js';
import { sentimentScoresTable, toSentiment } from './inference.tables.js';
import { textHash } from './text-hash.js';

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
          inArray(sentimentScoresTable.textHash, [...byHash.keys()]),
        ),
      );
    return new Map(rows.map((row) => [byHash.get(row.textHash) as string, toSentiment(row)]));
  }

  async store(key: ModelKey, scores: ReadonlyMap<string, Sentiment>, at: Date): Promise<void> {
    if (scores.size === 0) {
      return;
    }
    // Two requests may score the same new text at once; the first stored score stands.
    await this.database.db
      .insert(sentimentScoresTable)
      .values(
        [...scores].map(([text, sentiment]) => ({
          model: key.model,
          modelVersion: key.version,
          textHash: textHash(text),
          ...sentiment,
          createdAt: at,
        })),
      )
      .onConflictDoNothing();
  }
}
