import type { InferenceConfig } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import type { SentimentModel } from '../application/ports/sentiment-model.js';
import { BATCH_MAX } from '../domain/texts.js';
import { LocalVaderModel } from './local-vader-model.js';
import { RemoteSentimentModel } from './open-inference/remote-sentiment-model.js';

/** The model adapter INFERENCE_BACKEND asks for. */
export function createSentimentModel(config: InferenceConfig, logger: Logger): SentimentModel {
  if (config.backend === 'remote') {
    if (!config.url) {
      throw new Error('INFERENCE_URL is required when INFERENCE_BACKEND=remote.');
    }
    return new RemoteSentimentModel({
      url: config.url,
      model: config.model,
      input: config.remoteInput,
      scoreOutput: config.remoteScoreOutput,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      breakerCooldownMs: config.breakerCooldownMs,
      token: config.token,
      logger,
    });
  }
  return new LocalVaderModel({
    workers: config.workers,
    maxBatchSize: BATCH_MAX,
    queueCharacters: config.queueCharacters,
  });
}
