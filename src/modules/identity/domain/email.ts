import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasForbiddenCharacters } from '#shared/domain/text.js';
import { IdentityErrorCode, identityError } from './identity.errors.js';

const MAX_LENGTH = 254;
// Deliberately permissive: one @, no spaces, a dot in the domain. Deliverability is proven
// by mail, not by a regular expression.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address, trimmed and lower-cased, so one mailbox is one account. */
export class Email {
  private constructor(readonly value: string) {}

  static parse(raw: string, field = 'email'): Result<Email, DomainError> {
    const value = raw.trim().toLowerCase();
    const valid = value.length <= MAX_LENGTH && SHAPE.test(value) && !hasForbiddenCharacters(value);
    if (!valid) {
      return err(
        identityError(IdentityErrorCode.InvalidEmail, 'Enter a valid email address.', field),
      );
    }
    return ok(new Email(value));
  }

  static restore(value: string): Email {
    return new Email(value);
  }
}
