import type { InferenceConfig } from '../../../shared/infrastructure/config/config.js';
import type { Logger } from '../../../shared/infrastructure/logger.js';
import type { SentimentModel } from '../application/ports/sentiment-model.js';
import { BATCH_MAX } from '../domain/texts.js';
import { LocalVaderModel } from './local-vader-model.js';

/** The model adapter INFERENCE_BACKEND asks for. */
export function createSentimentModel(config: InferenceConfig, _logger: Logger): SentimentModel {
  return new LocalVaderModel({ workers: config.workers, maxBatchSize: BATCH_MAX });
}
