import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';

/** An emoji outside the BMP: one code point, two UTF-16 code units. */
export const EMOJI = '😀';

/** The value of a result that must have succeeded. */
export function successOf<T>(result: Result<T, DomainError>): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.error.code}`);
  }
  return result.value;
}

/** The error of a result that must have failed. */
export function errorOf<T>(result: Result<T, DomainError>): DomainError {
  if (result.ok) {
    throw new Error('expected a failure, got success');
  }
  return result.error;
}
