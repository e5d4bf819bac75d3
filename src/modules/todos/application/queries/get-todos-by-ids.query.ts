import { inject, injectable } from 'inversify';
import { TODO_READ_MODEL, type TodoReadModel } from '../ports/todo.read-model.js';
import type { TodoView } from './todo.view.js';

export interface GetTodosByIdsQuery {
  readonly ownerId: string;
  readonly ids: readonly string[];
}

/** The owner's todos by id, in the order asked; null for ids the owner has no todo for. */
@injectable()
export class GetTodosByIdsHandler {
  constructor(@inject(TODO_READ_MODEL) private readonly todos: TodoReadModel) {}

  async execute(query: GetTodosByIdsQuery): Promise<(TodoView | null)[]> {
    const found = new Map(
      (await this.todos.findOwnedByIds(query.ownerId, query.ids)).map((todo) => [todo.id, todo]),
    );
    return query.ids.map((id) => found.get(id) ?? null);
  }
}
