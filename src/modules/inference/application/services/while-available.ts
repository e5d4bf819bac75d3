import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import { ModelUnavailableError } from '../ports/sentiment-model.js';

/** Runs work that asks the model; a model that cannot answer is INFERENCE_UNAVAILABLE. */
export async function whileAvailable<T>(work: () => Promise<T>): Promise<Result<T, DomainError>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ModelUnavailableError) {
      return err(inferenceError(InferenceErrorCode.InferenceUnavailable, error.message));
    }
    throw error;
  }
}
