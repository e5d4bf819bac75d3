import { badUserInput } from '../../../shared/graphql/errors.js';
import type { TodoFilter } from '../application/index.js';
import type { TodoFilterInput } from './todo.inputs.js';

const SEARCH_MAX = 200;

/** The filter as the read model takes it; bad values are BAD_USER_INPUT naming the field. */
export function checkFilter(filter: TodoFilterInput | null): TodoFilter {
  const search = filter?.search?.trim() || undefined;
  if (search && search.length > SEARCH_MAX) {
    throw badUserInput(`Search text must be at most ${SEARCH_MAX} characters.`, 'filter.search');
  }
  return { search, tags: filter?.tags ?? undefined, completed: filter?.completed ?? undefined };
}
