import { registerUserErrorCodes } from '#shared/graphql/user-error-code.enum.js';
import type { IdentityErrorCode } from '../application/index.js';

const DESCRIBED: Readonly<Record<IdentityErrorCode, string>> = {
  INVALID_EMAIL: 'Not an email address (field email).',
  EMAIL_TAKEN: 'An account with this email exists (field email).',
  INVALID_DISPLAY_NAME: 'Not 1 to 80 characters, or control characters (field displayName).',
  PASSWORD_TOO_SHORT: 'Under 12 characters (field password).',
  PASSWORD_TOO_LONG: 'Over 128 characters (field password).',
  INVALID_PASSWORD: 'Holds half of a surrogate pair (field password).',
  INVALID_CREDENTIALS: 'Wrong email or password; the same for both.',
  INVALID_SESSION: 'Not a session token this server issued.',
  SESSION_EXPIRED: 'The sign-in is past its lifetime or idle limit: sign in again.',
  SESSION_REVOKED: 'The sign-in was ended (logout): sign in again.',
  SESSION_REUSED: 'An already-used session token: the whole sign-in has been ended.',
  RATE_LIMITED: 'Too many attempts; never a userError, always a top-level error.',
};

registerUserErrorCodes(DESCRIBED);
