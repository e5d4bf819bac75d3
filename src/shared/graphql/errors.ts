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
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Top-level errors with stable codes, for auth, input and system failures. */
export const unauthenticated = (message = 'Sign in to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });

export const forbidden = (message = 'You are not allowed to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });

export const badUserInput = (message: string, field: string | null) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, field } });

/**
 * Domain errors that are not the user's input at fault, as top-level errors. Anything else
 * a resolver cannot return as `userErrors` is BAD_USER_INPUT on the error's field.
 */
const TOP_LEVEL: Readonly<Record<string, (error: DomainError) => GraphQLError>> = {
  [ErrorCode.RateLimited]: ({ message, details }) =>
    new GraphQLError(message, {
      extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: details.retryAfterSeconds },
    }),
  [ErrorCode.InferenceUnavailable]: ({ message }) =>
    new GraphQLError(message, { extensions: { code: ErrorCode.InferenceUnavailable } }),
};

/** Codes that end a mutation with a top-level error instead of becoming its userErrors. */
const NEVER_USER_ERRORS: ReadonlySet<string> = new Set([ErrorCode.RateLimited]);

/** The one mapping from a domain error to the GraphQL error a client sees. */
export function toGraphQLError(error: DomainError): GraphQLError {
  const map = TOP_LEVEL[error.code];
  return map ? map(error) : badUserInput(error.message, error.field);
}

/** True for a domain error a mutation may return among its userErrors. */
export const isUserError = (error: DomainError): boolean => !NEVER_USER_ERRORS.has(error.code);
