import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, LIMIT_CODES } from './errors.js';

/**
 * True for errors raised on purpose: they carry a code of their own (ours, Apollo's,
 * type-graphql's). Anything else is a defect to log whole and mask.
 */
export function isExpectedError(error: unknown): boolean {
  return codedError(unwrapResolverError(error)) !== null;
}

interface Coded {
  readonly message: string;
  readonly extensions: { readonly code: string } & Record<string, unknown>;
}

const hasCode = (error: unknown): error is Coded => {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.InternalServerError;
};

/**
 * The error, or the first of its causes, that carries a code of its own: libraries wrap
 * errors (drizzle wraps a driver failure as "Failed query: …", with the failure as cause).
 */
function codedError(error: unknown): Coded | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth += 1) {
    if (hasCode(current)) {
      return current;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export interface ErrorFormatOptions {
  /** Drop graphql-js's "Did you mean …?" hints, which name fields, types and enum values. */
  readonly hideSchemaDetails: boolean;
}

const SUGGESTION = /\s*Did you mean .*\?$/s;
const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens\./;

/**
 * The one place GraphQL errors are shaped for clients: expected errors pass through with
 * their code (without schema hints while introspection is off); unknown ones become a bare
 * INTERNAL_SERVER_ERROR.
 */
export const errorFormatter =
  ({ hideSchemaDetails }: ErrorFormatOptions) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const coded = codedError(unwrapResolverError(error));
    if (!coded) {
      return masked(formatted);
    }
    if (!hasCode(unwrapResolverError(error))) {
      // A coded cause inside a wrapper: the client sees the cause, not the wrapper's text.
      return {
        ...formatted,
        message: coded.message,
        extensions: { ...formatted.extensions, ...coded.extensions },
      };
    }
    const refused = limitRefusal(formatted, error);
    if (refused) {
      return refused;
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

/**
 * Apollo files every parse and validation error under GRAPHQL_PARSE_FAILED or
 * GRAPHQL_VALIDATION_FAILED; a refusal for breaking a request limit keeps its own code.
 */
function limitRefusal(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | null {
  const original = error instanceof GraphQLError ? error.originalError : null;
  if (original instanceof GraphQLError && LIMIT_CODES.has(String(original.extensions.code))) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: original.extensions.code },
    };
  }
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    return {
      message: `The document has more than ${tokens[1]} tokens; send a smaller one.`,
      extensions: { code: ErrorCode.MaxTokensExceeded, limit: Number(tokens[1]) },
    };
  }
  return null;
}
