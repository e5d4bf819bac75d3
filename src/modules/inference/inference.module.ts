import type { Tracer } from '@opentelemetry/api';
import { ContainerModule } from 'inversify';
import type { Registry } from 'prom-client';
import { READINESS_CHECK } from '#shared/application/readiness.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { METRICS_REGISTRY } from '#shared/infrastructure/metrics-registry.js';
import { PredictSentimentHandler } from './application/commands/predict-sentiment.command.js';
import {
  INFERENCE_SETTINGS,
  type InferenceSettings,
} from './application/ports/inference.settings.js';
import { PREDICTION_READ_MODEL } from './application/ports/prediction.read-model.js';
import { PREDICTION_REPOSITORY } from './application/ports/prediction.repository.js';
import { SCORE_CACHE } from './application/ports/score-cache.js';
import { SENTIMENT_MODEL, type SentimentModel } from './application/ports/sentiment-model.js';
import { CheckModelCapacityHandler } from './application/queries/check-model-capacity.query.js';
import { CheckModelReadinessHandler } from './application/queries/check-model-readiness.query.js';
import { DescribeModelHandler } from './application/queries/describe-model.query.js';
import { GetPredictionsByIdsHandler } from './application/queries/get-predictions-by-ids.query.js';
import { ListInferenceModelsHandler } from './application/queries/list-inference-models.query.js';
import { ListPredictionsHandler } from './application/queries/list-predictions.query.js';
import { ScoreTextsHandler } from './application/queries/score-texts.query.js';
import { SentimentOfTextsHandler } from './application/queries/sentiment-of-texts.query.js';
import { ScoringQuota } from './application/services/scoring-quota.js';
import { ServedModel } from './application/services/served-model.js';
import { TextScorer } from './application/services/text-scorer.js';
import { InferenceResolver } from './graphql/inference.resolver.js';
import { DrizzlePredictionReadModel } from './infrastructure/drizzle-prediction.read-model.js';
import { DrizzlePredictionRepository } from './infrastructure/drizzle-prediction.repository.js';
import { DrizzleScoreCache } from './infrastructure/drizzle-score-cache.js';
import { MeasuredSentimentModel } from './infrastructure/measured-sentiment-model.js';
import { ModelReadiness } from './infrastructure/model-readiness.js';
import { createSentimentModel } from './infrastructure/sentiment-model-factory.js';

export type InferenceModuleConfig = Pick<Config, 'inference' | 'limits'>;

/**
 * Inference's bindings. The model adapter is the one INFERENCE_BACKEND names, measured for
 * /metrics, made on first use (tests rebind it before) and closed when it is unbound.
 */
export function inferenceModule(
  config: InferenceModuleConfig,
  logger: Logger,
  tracer: Tracer | null = null,
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<SentimentModel>(SENTIMENT_MODEL)
      .toDynamicValue(
        (context) =>
          new MeasuredSentimentModel(
            createSentimentModel(config.inference, logger),
            context.get<Registry>(METRICS_REGISTRY),
            tracer,
          ),
      )
      .onDeactivation((model) => model.close());
    bind(READINESS_CHECK).toDynamicValue(
      (context) => new ModelReadiness(() => context.get<SentimentModel>(SENTIMENT_MODEL)),
    );
    bind<InferenceSettings>(INFERENCE_SETTINGS).toConstantValue({
      scoredTextsPerMinute: config.limits.scoredTextsPerMinute,
    });
    bind(ScoringQuota).toSelf().inSingletonScope();
    bind(SCORE_CACHE).to(DrizzleScoreCache);
    bind(PREDICTION_REPOSITORY).to(DrizzlePredictionRepository);
    bind(PREDICTION_READ_MODEL).to(DrizzlePredictionReadModel);
    bind(TextScorer).toSelf();
    bind(ServedModel).toSelf();
    bind(PredictSentimentHandler).toSelf();
    bind(SentimentOfTextsHandler).toSelf();
    bind(ListPredictionsHandler).toSelf();
    bind(GetPredictionsByIdsHandler).toSelf();
    bind(ListInferenceModelsHandler).toSelf();
    bind(DescribeModelHandler).toSelf();
    bind(CheckModelReadinessHandler).toSelf();
    bind(CheckModelCapacityHandler).toSelf();
    bind(ScoreTextsHandler).toSelf();
    bind(InferenceResolver).toSelf();
  });
}
