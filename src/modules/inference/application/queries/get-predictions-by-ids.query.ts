import { inject, injectable } from 'inversify';
import { PREDICTION_READ_MODEL, type PredictionReadModel } from '../ports/prediction.read-model.js';
import type { PredictionView } from './prediction.view.js';

export interface GetPredictionsByIdsQuery {
  readonly userId: string;
  readonly ids: readonly string[];
}

/** The user's predictions by id, in the order asked; null for ids that are not theirs. */
@injectable()
export class GetPredictionsByIdsHandler {
  constructor(@inject(PREDICTION_READ_MODEL) private readonly readModel: PredictionReadModel) {}

  async execute(query: GetPredictionsByIdsQuery): Promise<(PredictionView | null)[]> {
    const found = new Map(
      (await this.readModel.findOwnedByIds(query.userId, query.ids)).map((p) => [p.id, p]),
    );
    return query.ids.map((id) => found.get(id) ?? null);
  }
}
