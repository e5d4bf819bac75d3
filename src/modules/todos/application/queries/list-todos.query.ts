import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { parseTags } from '../../domain/tags.js';
import {
  TODO_READ_MODEL,
  type TodoPage,
  type TodoPageRequest,
  type TodoReadModel,
} from '../ports/todo.read-model.js';

export type ListTodosQuery = TodoPageRequest;

/**
 * A page of the owner's todos. Tags in the filter are checked (and lower-cased) as tags
 * are everywhere; other users' todos do not exist.
 */
@injectable()
export class ListTodosHandler {
  constructor(@inject(TODO_READ_MODEL) private readonly todos: TodoReadModel) {}

  async execute(query: ListTodosQuery): Promise<Result<TodoPage, DomainError>> {
    const tags = query.filter.tags ? parseTags(query.filter.tags, 'filter.tags') : ok([]);
    if (!tags.ok) {
      return tags;
    }
    return ok(await this.todos.page({ ...query, filter: { ...query.filter, tags: tags.value } }));
  }
}
