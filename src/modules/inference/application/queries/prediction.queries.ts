import { inject, injectable } from 'inversify';
import {
  PREDICTION_READ_MODEL,
  type PredictionPage,
  type PredictionPageRequest,
  type PredictionReadModel,
} from '../ports/prediction.read-model.js';

@injectable()
export class PredictionQueries {
  constructor(@inject(PREDICTION_READ_MODEL) private readonly readModel: PredictionReadModel) {}

  /** The user's own predictions only, newest first. */
  page(request: PredictionPageRequest): Promise<PredictionPage> {
    return this.readModel.page(request);
  }
}
