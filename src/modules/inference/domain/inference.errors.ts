import { DomainError } from '#shared/domain/domain-error.js';

export const InferenceErrorCode = {
  InvalidText: 'INVALID_TEXT',
  InvalidBatch: 'INVALID_BATCH',
  InferenceUnavailable: 'INFERENCE_UNAVAILABLE',
  ModelNotFound: 'MODEL_NOT_FOUND',
  RateLimited: 'RATE_LIMITED',
} as const;

export type InferenceErrorCode = (typeof InferenceErrorCode)[keyof typeof InferenceErrorCode];

export const inferenceError = (
  code: InferenceErrorCode,
  message: string,
  field: string | null = null,
  details: Readonly<Record<string, string | number>> = {},
) => new DomainError(code, message, field, details);

/** Refused before scoring: the user has had their share of texts scored for now. */
export class ScoringThrottled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      InferenceErrorCode.RateLimited,
      `Too many texts scored in the last minute. Try again in ${retryAfterSeconds} s.`,
      null,
      { retryAfterSeconds },
    );
  }
}
