// The inference module's public API: what other modules and the composition root may use.

export { InferenceErrorCode } from '../domain/inference.errors.js';
export type { Sentiment } from '../domain/sentiment.js';
export { SentimentLabel } from '../domain/sentiment.js';
export { BATCH_MAX } from '../domain/texts.js';
export type { PredictSentimentCommand } from './commands/predict-sentiment.command.js';
export { PredictSentimentHandler } from './commands/predict-sentiment.command.js';
export type { PredictionPage, PredictionPageRequest } from './ports/prediction.read-model.js';
export type { ModelBackend, ModelMetadata, SentimentModel } from './ports/sentiment-model.js';
export { ModelUnavailableError, SENTIMENT_MODEL } from './ports/sentiment-model.js';
export type { CheckModelCapacityQuery } from './queries/check-model-capacity.query.js';
export { CheckModelCapacityHandler } from './queries/check-model-capacity.query.js';
export type { CheckModelReadinessQuery } from './queries/check-model-readiness.query.js';
export { CheckModelReadinessHandler } from './queries/check-model-readiness.query.js';
export type { DescribeModelQuery } from './queries/describe-model.query.js';
export { DescribeModelHandler } from './queries/describe-model.query.js';
export type { InferenceModelView } from './queries/inference-model.view.js';
export type { ListInferenceModelsQuery } from './queries/list-inference-models.query.js';
export { ListInferenceModelsHandler } from './queries/list-inference-models.query.js';
export type { ListPredictionsQuery } from './queries/list-predictions.query.js';
export { ListPredictionsHandler } from './queries/list-predictions.query.js';
export type { ModelReadinessView } from './queries/model-readiness.view.js';
export type { PredictionView } from './queries/prediction.view.js';
export type { ScoreTextsQuery } from './queries/score-texts.query.js';
export { ScoreTextsHandler } from './queries/score-texts.query.js';
export type { SentimentOfTextsQuery } from './queries/sentiment-of-texts.query.js';
export { SentimentOfTextsHandler } from './queries/sentiment-of-texts.query.js';
