import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import { ModelBusyError, ModelUnavailableError } from '../ports/sentiment-model.js';

/**
 * Runs work that asks the model; a model that cannot answer is INFERENCE_UNAVAILABLE, with
 * `retryAfterSeconds` when it is only busy.
 */
export async function whileAvailable<T>(work: () => Promise<T>): Promise<Result<T, DomainError>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ModelUnavailableError) {
      const details: Record<string, number> =
        error instanceof ModelBusyError ? { retryAfterSeconds: error.retryAfterSeconds } : {};
      return err(
        inferenceError(InferenceErrorCode.InferenceUnavailable, error.message, null, details),
      );
    }
    throw error;
  }
}
