import type { DomainError } from '../domain/domain-error.js';
import type { Result } from '../domain/result.js';
import { isUserError, toGraphQLError } from './errors.js';
import type { UserErrorType } from './user-error.type.js';

export type Payload<K extends string, T, E = null> = { [P in K]: T | E } & {
  userErrors: UserErrorType[];
};

/**
 * A mutation's payload from its use case's result: the value under `key` and no
 * userErrors, or `failed` (null unless the field is non-null) and the errors as userErrors.
 * An error that must not be a userError (RATE_LIMITED) is thrown as a top-level error.
 */
export function payloadOf<K extends string, T, E = null>(
  key: K,
  result: Result<T, DomainError | readonly DomainError[]>,
  failed: E = null as E,
): Payload<K, T, E> {
  if (result.ok) {
    return { [key]: result.value, userErrors: [] } as Payload<K, T, E>;
  }
  const errors = [result.error].flat();
  const topLevel = errors.find((error) => !isUserError(error));
  if (topLevel) {
    throw toGraphQLError(topLevel);
  }
  const userErrors = errors.map(({ code, field, message }) => ({ code, field, message }));
  return { [key]: failed, userErrors } as Payload<K, T, E>;
}
