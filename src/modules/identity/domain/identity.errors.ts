import { DomainError } from '#shared/domain/domain-error.js';

/** Stable codes clients branch on. Renaming one is a breaking change. */
export const IdentityErrorCode = {
  InvalidEmail: 'INVALID_EMAIL',
  EmailTaken: 'EMAIL_TAKEN',
  InvalidDisplayName: 'INVALID_DISPLAY_NAME',
  PasswordTooShort: 'PASSWORD_TOO_SHORT',
  PasswordTooLong: 'PASSWORD_TOO_LONG',
  InvalidPassword: 'INVALID_PASSWORD',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  InvalidSession: 'INVALID_SESSION',
  SessionExpired: 'SESSION_EXPIRED',
  SessionRevoked: 'SESSION_REVOKED',
  SessionReused: 'SESSION_REUSED',
  RateLimited: 'RATE_LIMITED',
} as const;

export type IdentityErrorCode = (typeof IdentityErrorCode)[keyof typeof IdentityErrorCode];

export const identityError = (
  code: IdentityErrorCode,
  message: string,
  field: string | null = null,
) => new DomainError(code, message, field);

/** Refused before any password is checked: too many recent failures from this source. */
export class LoginThrottled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      IdentityErrorCode.RateLimited,
      `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} s.`,
      null,
      { retryAfterSeconds },
    );
  }
}
