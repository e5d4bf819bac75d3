import { inject, injectable } from 'inversify';
import type { DomainError } from '../../../../shared/domain/domain-error.js';
import { err, ok, type Result } from '../../../../shared/domain/result.js';
import { TODO_REPOSITORY, type TodoRepository } from '../ports/todo.repository.js';
import { notFound } from '../todo-changer.js';

export interface DeleteTodoCommand {
  readonly ownerId: string;
  readonly id: string;
}

@injectable()
export class DeleteTodoHandler {
  constructor(@inject(TODO_REPOSITORY) private readonly todos: TodoRepository) {}

  async execute(command: DeleteTodoCommand): Promise<Result<string, DomainError>> {
    const removed = await this.todos.remove(command.id, command.ownerId);
    return removed ? ok(command.id) : err(notFound());
  }
}
