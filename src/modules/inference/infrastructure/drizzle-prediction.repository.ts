import { inject, injectable } from 'inversify';
import { DatabaseContext } from '../../../shared/infrastructure/database/database-context.js';
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

  async addMany(key: ModelKey, predictions: readonly NewPrediction[]): Promise<void> {
    if (predictions.length === 0) {
      return;
    }
    await this.database.db.insert(predictionsTable).values(
      predictions.map((prediction) => ({
        ...prediction,
        model: key.model,
        modelVersion: key.version,
        textHash: textHash(prediction.text),
      })),
    );
  }
}
