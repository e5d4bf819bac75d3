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
import type { TagCountView, TodoView } from './todo.view.js';

/** The viewer's todos: one by id, a page, their tags. Other users' todos do not exist. */
@injectable()
export class TodoQueries {
  constructor(@inject(TODO_READ_MODEL) private readonly todos: TodoReadModel) {}

  async byIds(ownerId: string, ids: readonly string[]): Promise<(TodoView | null)[]> {
    const found = new Map(
      (await this.todos.findOwnedByIds(ownerId, ids)).map((todo) => [todo.id, todo]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  /** A page; tags in the filter are checked (and lower-cased) as tags are everywhere. */
  async page(request: TodoPageRequest): Promise<Result<TodoPage, DomainError>> {
    const tags = request.filter.tags ? parseTags(request.filter.tags, 'filter.tags') : ok([]);
    if (!tags.ok) {
      return tags;
    }
    return ok(
      await this.todos.page({ ...request, filter: { ...request.filter, tags: tags.value } }),
    );
  }

  tags(ownerId: string): Promise<TagCountView[]> {
    return this.todos.tagCounts(ownerId);
  }
}
