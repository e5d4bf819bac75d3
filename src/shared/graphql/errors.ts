import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/** Top-level errors with stable codes, for auth, input and system failures. */
export const unauthenticated = (message = 'Sign in to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });

export const forbidden = (message = 'You are not allowed to do this.') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });

export const badUserInput = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, field } });

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.RateLimited, retryAfterSeconds } });

export const inferenceUnavailable = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.InferenceUnavailable } });
