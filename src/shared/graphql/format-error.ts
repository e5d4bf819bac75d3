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

export interface ErrorFormatOptions {
  /** Drop graphql-js's "Did you mean …?" hints, which name fields, types and enum values. */
  readonly hideSchemaDetails: boolean;
}

const SUGGESTION = /\s*Did you mean .*\?$/s;

/**
 * The one place GraphQL errors are shaped for clients: expected errors pass through with
 * their code (without schema hints while introspection is off); unknown ones become a bare
 * INTERNAL_SERVER_ERROR.
 */
export const errorFormatter =
  ({ hideSchemaDetails }: ErrorFormatOptions) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!isExpectedError(error)) {
      return masked(formatted);
    }
    return hideSchemaDetails && SUGGESTION.test(formatted.message)
      ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') }
      : formatted;
  };

function masked(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  };
}
