import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { isUuid } from '#shared/domain/ids.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  PredictionPage,
  PredictionPageRequest,
  PredictionReadModel,
} from '../application/ports/prediction.read-model.js';
import type { PredictionView } from '../application/queries/prediction.view.js';
import { predictionsTable, sentimentScoresTable, toSentiment } from './inference.tables.js';

const p = predictionsTable;
const s = sentimentScoresTable;
/** A prediction's own columns and the scores it shares with every prediction of its text. */
const columns = {
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
};
const scoresOfPrediction = and(
  eq(s.model, p.model),
  eq(s.modelVersion, p.modelVersion),
  eq(s.textHash, p.textHash),
);

type PredictionRow = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };

const toView = (row: PredictionRow): PredictionView => ({
  id: row.id,
  text: row.text,
  model: row.model,
  modelVersion: row.modelVersion,
  createdAt: row.createdAt,
  sentiment: toSentiment(row),
});

/** A page of history in one statement: predictions joined to their shared scores. */
@injectable()
export class DrizzlePredictionReadModel implements PredictionReadModel {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async page({ userId, first, after }: PredictionPageRequest): Promise<PredictionPage> {
    const rows = await this.database.db
      .select({
        ...columns,
        totalCount: sql<number>`(select count(*)::int from ${p} where ${eq(p.userId, userId)})`,
      })
      .from(p)
      .innerJoin(s, scoresOfPrediction)
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
      items: rows.slice(0, first).map(toView),
    };
  }

  async findOwnedByIds(userId: string, ids: readonly string[]): Promise<PredictionView[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) {
      return [];
    }
    const rows = await this.database.db
      .select(columns)
      .from(p)
      .innerJoin(s, scoresOfPrediction)
      .where(and(eq(p.userId, userId), inArray(p.id, valid)));
    return rows.map(toView);
  }

  private async count(userId: string): Promise<number> {
    const [row] = await this.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(predictionsTable)
      .where(eq(predictionsTable.userId, userId));
    return row?.n ?? 0;
  }
}
