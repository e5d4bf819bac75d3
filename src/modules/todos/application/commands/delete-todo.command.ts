import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { todoNotFound } from '../../domain/todos.errors.js';
import { TODO_REPOSITORY, type TodoRepository } from '../ports/todo.repository.js';

export interface DeleteTodoCommand {
  readonly ownerId: string;
  readonly id: string;
}

@injectable()
export class DeleteTodoHandler {
  constructor(
    @inject(TODO_REPOSITORY) private readonly todos: TodoRepository,
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  async execute(command: DeleteTodoCommand): Promise<Result<string, DomainError>> {
    return this.transaction.run(async () => {
      const todo = await this.todos.findOwned(command.id, command.ownerId);
      // A concurrent delete may remove it between the two calls: then it is gone for us too.
      if (!todo || !(await this.todos.remove(todo.id, command.ownerId))) {
        return err(todoNotFound());
      }
      await this.events.publish([todo.deleted(this.clock.now())], command.ownerId);
      return ok(todo.id);
    });
  }
}
