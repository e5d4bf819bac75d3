import { and, desc, eq, sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  PredictionPage,
  PredictionPageRequest,
  PredictionReadModel,
} from '../application/ports/prediction.read-model.js';
import { predictionsTable, sentimentScoresTable, toSentiment } from './inference.tables.js';

/** A page of history in one statement: predictions joined to their shared scores. */
@injectable()
export class DrizzlePredictionReadModel implements PredictionReadModel {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async page({ userId, first, after }: PredictionPageRequest): Promise<PredictionPage> {
    const p = predictionsTable;
    const s = sentimentScoresTable;
    const rows = await this.database.db
      .select({
        id: p.id,
        text: p.text,
        model: p.model,
        modelVersion: p.modelVersion,
        createdAt: p.createdAt,
        label: s.label,
        score: s.score,
        positive: s.positive,
        negative: s.negative,
        neutral: s.neutral,
        compound: s.compound,
        totalCount: sql<number>`(select count(*)::int from ${p} where ${eq(p.userId, userId)})`,
      })
      .from(p)
      .innerJoin(
        s,
        and(eq(s.model, p.model), eq(s.modelVersion, p.modelVersion), eq(s.textHash, p.textHash)),
      )
      .where(
        and(
          eq(p.userId, userId),
          after
            ? sql`(${p.createdAt}, ${p.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(p.createdAt), desc(p.id))
      .limit(first + 1);
    return {
      totalCount: rows[0]?.totalCount ?? (await this.count(userId)),
      hasNextPage: rows.length > first,
      items: rows.slice(0, first).map((row) => ({
        id: row.id,
        text: row.text,
        model: row.model,
        modelVersion: row.modelVersion,
        createdAt: row.createdAt,
        sentiment: toSentiment(row),
      })),
    };
  }

  private async count(userId: string): Promise<number> {
    const [row] = await this.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(predictionsTable)
      .where(eq(predictionsTable.userId, userId));
    return row?.n ?? 0;
  }
}
