import { inject, injectable } from 'inversify';
import { TODO_READ_MODEL, type TodoReadModel } from '../ports/todo.read-model.js';
import type { TagCountView } from './todo.view.js';

export interface ListTagsQuery {
  readonly ownerId: string;
}

/** The owner's tags with how many todos carry each, most used first. */
@injectable()
export class ListTagsHandler {
  constructor(@inject(TODO_READ_MODEL) private readonly todos: TodoReadModel) {}

  execute(query: ListTagsQuery): Promise<TagCountView[]> {
    return this.todos.tagCounts(query.ownerId);
  }
}
