import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasForbiddenCharacters } from '#shared/domain/text.js';
import { TodoErrorCode, todoError } from './todos.errors.js';

export const CONTENT_MAX = 5000;

/** What a todo says: 1 to 5000 characters once trimmed. */
export class Content {
  private constructor(readonly value: string) {}

  static parse(raw: string, field = 'content'): Result<Content, DomainError> {
    const value = raw.trim();
    const length = [...value].length;
    if (length < 1 || length > CONTENT_MAX || hasForbiddenCharacters(value)) {
      return err(
        todoError(
          TodoErrorCode.InvalidContent,
          `Content must be 1 to ${CONTENT_MAX} characters, without control characters or broken Unicode.`,
          field,
        ),
      );
    }
    return ok(new Content(value));
  }

  static restore(value: string): Content {
    return new Content(value);
  }
}
