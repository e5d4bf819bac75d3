import { hasForbiddenCharacters } from '#shared/domain/text.js';
import { badUserInput } from '#shared/graphql/errors.js';
import type { TodoFilter } from '../application/index.js';
import type { TodoFilterInput } from './todo.inputs.js';

const SEARCH_MAX = 200;
/** A todo carries at most 20 tags, so asking for more can match nothing. */
const TAG_FILTER_MAX = 20;

/** The filter as the read model takes it; bad values are BAD_USER_INPUT naming the field. */
export function checkFilter(filter: TodoFilterInput | null): TodoFilter {
  const search = filter?.search?.trim() || undefined;
  if (search && hasForbiddenCharacters(search)) {
    throw badUserInput(
      'Search text cannot contain control characters or broken Unicode.',
      'filter.search',
    );
  }
  if (search && [...search].length > SEARCH_MAX) {
    throw badUserInput(`Search text must be at most ${SEARCH_MAX} characters.`, 'filter.search');
  }
  if (filter?.tags && filter.tags.length > TAG_FILTER_MAX) {
    throw badUserInput(`Filter by at most ${TAG_FILTER_MAX} tags.`, 'filter.tags');
  }
  return { search, tags: filter?.tags ?? undefined, completed: filter?.completed ?? undefined };
}
