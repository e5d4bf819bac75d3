import { GraphQLError } from 'graphql';
import type { DomainError } from '../domain/domain-error.js';

/** The `extensions.code` values a client can meet in top-level GraphQL errors. */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  BadUserInput: 'BAD_USER_INPUT',
  RateLimited: 'RATE_LIMITED',
  Maintenance: 'MAINTENANCE',
  /** A model could not answer: the field is null; try again later. */
  InferenceUnavailable: 'INFERENCE_UNAVAILABLE',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  /** Refused before execution: the operation asks for more than one request may. */
  MaxDepthExceeded: 'MAX_DEPTH_EXCEEDED',
  MaxAliasesExceeded: 'MAX_ALIASES_EXCEEDED',
  MaxDirectivesExceeded: 'MAX_DIRECTIVES_EXCEEDED',
  MaxTokensExceeded: 'MAX_TOKENS_EXCEEDED',
  MaxCostExceeded: 'MAX_COST_EXCEEDED',
  MaxTextsExceeded: 'MAX_TEXTS_EXCEEDED',
  /** A subscription's `after` names events no longer kept: reload, then subscribe anew. */
  CursorExpired: 'CURSOR_EXPIRED',
  /** A subscription refused: the connection or the user has as many as allowed. */
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Top-level errors with stable codes, for auth, input and system failures. */
export const unauthenticated = (message = 'Sign in to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });

export const forbidden = (message = 'You are not allowed to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });

export const badUserInput = (message: string, field: string | null) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, field } });

/** The service refuses client operations for now; try again after `retryAfterSeconds`. */
export const maintenance = (retryAfterSeconds: number) =>
  new GraphQLError('The service is in maintenance mode. Try again later.', {
    extensions: {
      code: ErrorCode.Maintenance,
      retryAfterSeconds,
      http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });

/** The codes of requests refused for asking too much; `extensions.limit` holds the limit. */
export const LIMIT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.MaxDepthExceeded,
  ErrorCode.MaxAliasesExceeded,
  ErrorCode.MaxDirectivesExceeded,
  ErrorCode.MaxTokensExceeded,
  ErrorCode.MaxCostExceeded,
  ErrorCode.MaxTextsExceeded,
]);

/** A request refused before execution: the limit it broke, and how far, if known. */
export const limitExceeded = (
  code: ErrorCode,
  message: string,
  limit: number,
  actual: number | null = null,
) =>
  new GraphQLError(message, {
    extensions: { code, limit, ...(actual === null ? {} : { actual }), http: { status: 400 } },
  });

interface TopLevelError {
  readonly toGraphQL: (error: DomainError) => GraphQLError;
  /** Whether a mutation may still return it among its userErrors. */
  readonly userError: boolean;
}

/**
 * The one table from domain error to GraphQL error. A code listed here keeps its own code at
 * the top level; any other code outside a payload is the user's input at fault:
 * BAD_USER_INPUT on the error's field. The codes are the modules' (identity's RATE_LIMITED,
 * inference's INFERENCE_UNAVAILABLE); the e2e suites pin what clients see for each.
 */
const TABLE: Readonly<Record<string, TopLevelError>> = {
  [ErrorCode.RateLimited]: {
    // A throttled sign-in is not a field to fix: the whole mutation is refused.
    userError: false,
    toGraphQL: ({ message, details }) =>
      new GraphQLError(message, {
        extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: details.retryAfterSeconds },
      }),
  },
  [ErrorCode.CursorExpired]: {
    userError: true,
    toGraphQL: ({ message, field }) =>
      new GraphQLError(message, { extensions: { code: ErrorCode.CursorExpired, field } }),
  },
  [ErrorCode.InferenceUnavailable]: {
    userError: true,
    toGraphQL: ({ message, details }) =>
      new GraphQLError(message, {
        extensions: {
          code: ErrorCode.InferenceUnavailable,
          ...(details.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: details.retryAfterSeconds }),
        },
      }),
  },
};

export function toGraphQLError(error: DomainError): GraphQLError {
  const entry = TABLE[error.code];
  return entry ? entry.toGraphQL(error) : badUserInput(error.message, error.field);
}

/** True for a domain error a mutation may return among its userErrors. */
export const isUserError = (error: DomainError): boolean => TABLE[error.code]?.userError ?? true;
