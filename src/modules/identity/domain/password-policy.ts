import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasBrokenUnicode } from '#shared/domain/text.js';
import { IdentityErrorCode, identityError } from './identity.errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * OWASP's length rules: 12 to 128 characters, any characters, no composition rules, but
 * valid Unicode: a password with an unpaired surrogate would be hashed as U+FFFD, so two
 * different passwords would match. Checked before hashing, so an oversized password never
 * costs hashing time.
 */
export function checkPassword(password: string, field = 'password'): Result<string, DomainError> {
  const length = [...password].length;
  if (length < PASSWORD_MIN) {
    return err(
      identityError(
        IdentityErrorCode.PasswordTooShort,
        `Password must be at least ${PASSWORD_MIN} characters.`,
        field,
      ),
    );
  }
  if (length > PASSWORD_MAX) {
    return err(
      identityError(
        IdentityErrorCode.PasswordTooLong,
        `Password must be at most ${PASSWORD_MAX} characters.`,
        field,
      ),
    );
  }
  if (hasBrokenUnicode(password)) {
    return err(
      identityError(
        IdentityErrorCode.InvalidPassword,
        'Password must be valid Unicode text (it holds half of a surrogate pair).',
        field,
      ),
    );
  }
  return ok(password);
}
