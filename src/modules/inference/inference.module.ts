import { ContainerModule } from 'inversify';
import { PredictSentimentHandler } from './application/commands/predict-sentiment.command.js';
import { PREDICTION_READ_MODEL } from './application/ports/prediction.read-model.js';
import { PREDICTION_REPOSITORY } from './application/ports/prediction.repository.js';
import { SCORE_CACHE } from './application/ports/score-cache.js';
import { InferenceModelsQuery } from './application/queries/inference-models.query.js';
import { PredictionQueries } from './application/queries/prediction.queries.js';
import { SentimentOfTextsHandler } from './application/queries/sentiment-of-texts.query.js';
import { TextScorer } from './application/services/text-scorer.js';
import { InferenceResolver } from './graphql/inference.resolver.js';
import { DrizzlePredictionReadModel } from './infrastructure/drizzle-prediction.read-model.js';
import { DrizzlePredictionRepository } from './infrastructure/drizzle-prediction.repository.js';
import { DrizzleScoreCache } from './infrastructure/drizzle-score-cache.js';

/** Inference's use cases and stores; the model adapter itself is chosen by the app (config). */
export const inferenceModule = new ContainerModule(({ bind }) => {
  bind(SCORE_CACHE).to(DrizzleScoreCache);
  bind(PREDICTION_REPOSITORY).to(DrizzlePredictionRepository);
  bind(PREDICTION_READ_MODEL).to(DrizzlePredictionReadModel);
  bind(TextScorer).toSelf();
  bind(PredictSentimentHandler).toSelf();
  bind(SentimentOfTextsHandler).toSelf();
  bind(PredictionQueries).toSelf();
  bind(InferenceModelsQuery).toSelf();
  bind(InferenceResolver).toSelf();
});
