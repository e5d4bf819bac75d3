import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasForbiddenCharacters } from '#shared/domain/text.js';
import { IdentityErrorCode, identityError } from './identity.errors.js';

const DISPLAY_NAME_MAX = 80;

export class DisplayName {
  private constructor(readonly value: string) {}

  static parse(raw: string, field = 'displayName'): Result<DisplayName, DomainError> {
    const value = raw.trim();
    const length = [...value].length;
    if (length < 1 || length > DISPLAY_NAME_MAX || hasForbiddenCharacters(value)) {
      return err(
        identityError(
          IdentityErrorCode.InvalidDisplayName,
          `Display name must be 1 to ${DISPLAY_NAME_MAX} characters.`,
          field,
        ),
      );
    }
    return ok(new DisplayName(value));
  }

  static restore(value: string): DisplayName {
    return new DisplayName(value);
  }
}
