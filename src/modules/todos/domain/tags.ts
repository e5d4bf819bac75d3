import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { TodoErrorCode, todoError } from './todos.errors.js';

export const TAGS_MAX = 20;
export const TAG_LENGTH_MAX = 40;
const TAG = /^[a-z0-9-]{1,40}$/;

/**
 * Tag names as given, lower-cased and checked; duplicates collapse. Stops at the first bad
 * tag, and as soon as there are more distinct tags than a todo may carry, so an oversized
 * list costs no more than a short one.
 */
export function parseTags(raw: readonly string[], field = 'tags'): Result<string[], DomainError> {
  const tags = new Set<string>();
  for (const [index, given] of raw.entries()) {
    const tag = given.trim().toLowerCase();
    if (!TAG.test(tag)) {
      return err(
        todoError(
          TodoErrorCode.InvalidTag,
          `Tag "${given.slice(0, 50)}" must be 1 to ${TAG_LENGTH_MAX} characters of a-z, 0-9 and -.`,
          `${field}.${index}`,
        ),
      );
    }
    tags.add(tag);
    if (tags.size > TAGS_MAX) {
      return err(tooMany(field));
    }
  }
  return ok([...tags]);
}

const tooMany = (field: string) =>
  todoError(TodoErrorCode.TooManyTags, `A todo can carry at most ${TAGS_MAX} tags.`, field);

/** A todo's tags: a set of at most 20, kept sorted so equal sets compare equal. */
export class TagSet {
  private constructor(readonly values: readonly string[]) {}

  static readonly empty = new TagSet([]);

  static of(tags: readonly string[], field = 'tags'): Result<TagSet, DomainError> {
    return TagSet.empty.with(tags, field);
  }

  static restore(values: readonly string[]): TagSet {
    return new TagSet([...values].sort());
  }

  with(tags: readonly string[], field = 'tags'): Result<TagSet, DomainError> {
    const parsed = parseTags(tags, field);
    if (!parsed.ok) {
      return parsed;
    }
    const union = [...new Set([...this.values, ...parsed.value])].sort();
    if (union.length > TAGS_MAX) {
      return err(tooMany(field));
    }
    return ok(new TagSet(union));
  }

  without(tags: readonly string[], field = 'tags'): Result<TagSet, DomainError> {
    const parsed = parseTags(tags, field);
    if (!parsed.ok) {
      return parsed;
    }
    return ok(new TagSet(this.values.filter((tag) => !parsed.value.includes(tag))));
  }

  equals(other: TagSet): boolean {
    return (
      this.values.length === other.values.length &&
      this.values.every((tag, index) => tag === other.values[index])
    );
  }
}
