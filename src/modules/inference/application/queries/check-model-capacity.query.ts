import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import { SENTIMENT_MODEL, type SentimentModel } from '../ports/sentiment-model.js';

export interface CheckModelCapacityQuery {
  /** At most this many characters of text are coming (a request body's length will do). */
  readonly characters: number;
}

/**
 * Whether the model would take this much work now. Asked before a large request's body is
 * read, so a client flooding a busy model costs the server no parsing: INFERENCE_UNAVAILABLE
 * with `retryAfterSeconds` while the queue is full.
 */
@injectable()
export class CheckModelCapacityHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  execute(query: CheckModelCapacityQuery): Result<null, DomainError> {
    const wait = this.model.busyFor(query.characters);
    return wait === null
      ? ok(null)
      : err(
          inferenceError(
            InferenceErrorCode.InferenceUnavailable,
            'The model is busy with other requests; try again shortly.',
            null,
            { retryAfterSeconds: wait },
          ),
        );
  }
}
