import { DomainError } from '#shared/domain/domain-error.js';

export const InferenceErrorCode = {
  InvalidText: 'INVALID_TEXT',
  InvalidBatch: 'INVALID_BATCH',
  InferenceUnavailable: 'INFERENCE_UNAVAILABLE',
  ModelNotFound: 'MODEL_NOT_FOUND',
} as const;

export type InferenceErrorCode = (typeof InferenceErrorCode)[keyof typeof InferenceErrorCode];

export const inferenceError = (
  code: InferenceErrorCode,
  message: string,
  field: string | null = null,
) => new DomainError(code, message, field);
