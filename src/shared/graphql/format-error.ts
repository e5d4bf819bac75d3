import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/** True for errors we raised on purpose; anything else is a defect to log and mask. */
export function isExpectedError(error: unknown): boolean {
  return unwrapResolverError(error) instanceof GraphQLError;
}

/**
 * The one place GraphQL errors are shaped for clients: expected errors pass through with
 * their code; unknown ones become a bare INTERNAL_SERVER_ERROR (logged elsewhere, whole).
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
