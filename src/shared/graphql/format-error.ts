import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * True for errors raised on purpose: they carry a code of their own (ours, Apollo's,
 * type-graphql's). Anything else is a defect to log whole and mask.
 */
export function isExpectedError(error: unknown): boolean {
  const code = (unwrapResolverError(error) as { extensions?: { code?: unknown } } | null)
    ?.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.InternalServerError;
}

/**
 * The one place GraphQL errors are shaped for clients: expected errors pass through with
 * their code; unknown ones become a bare INTERNAL_SERVER_ERROR.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (isExpectedError(error)) {
    return formatted;
  }
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  };
}
