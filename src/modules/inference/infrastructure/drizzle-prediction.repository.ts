import { sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  NewPrediction,
  PredictionRepository,
} from '../application/ports/prediction.repository.js';
import type { ModelKey } from '../application/ports/score-cache.js';
import { predictionsTable } from './inference.tables.js';
import { textHash } from './text-hash.js';

@injectable()
export class DrizzlePredictionRepository implements PredictionRepository {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  /**
   * One statement with one array parameter per column, however many predictions.
   * Timestamps travel as text: postgres.js has no serializer for timestamptz[].
   */
  async addMany(key: ModelKey, predictions: readonly NewPrediction[]): Promise<void> {
    if (predictions.length === 0) {
      return;
    }
    const column = <T>(pick: (prediction: NewPrediction) => T) => sql.param(predictions.map(pick));
    await this.database.db.execute(sql`
      insert into ${predictionsTable} (id, user_id, text, model, model_version, text_hash,
        created_at)
      select made.id, made.user_id, made.text, ${key.model}, ${key.version}, made.text_hash,
        made.created_at
      from unnest(
        ${column((p) => p.id)}::uuid[],
        ${column((p) => p.userId)}::uuid[],
        ${column((p) => p.text)}::text[],
        ${column((p) => textHash(p.text))}::text[],
        ${column((p) => p.createdAt.toISOString())}::text[]::timestamptz[]
      ) as made(id, user_id, text, text_hash, created_at)`);
  }
}
