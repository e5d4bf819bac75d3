import { inject, injectable } from 'inversify';
import {
  PREDICTION_READ_MODEL,
  type PredictionPage,
  type PredictionPageRequest,
  type PredictionReadModel,
} from '../ports/prediction.read-model.js';

export type ListPredictionsQuery = PredictionPageRequest;

/** The user's own predictions only, newest first, a keyset page at a time. */
@injectable()
export class ListPredictionsHandler {
  constructor(@inject(PREDICTION_READ_MODEL) private readonly readModel: PredictionReadModel) {}

  execute(query: ListPredictionsQuery): Promise<PredictionPage> {
    return this.readModel.page(query);
  }
}
