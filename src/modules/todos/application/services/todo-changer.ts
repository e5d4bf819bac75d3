import { inject, injectable } from 'inversify';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import type { Todo } from '../../domain/todo.js';
import { TodoErrorCode, todoError, todoNotFound } from '../../domain/todos.errors.js';
import { TODO_REPOSITORY, type TodoRepository } from '../ports/todo.repository.js';
import { type TodoView, toTodoView } from '../queries/todo.view.js';

const ATTEMPTS = 3;

/**
 * Applies one domain change to the viewer's todo and stores it if nobody changed the todo
 * meanwhile; otherwise reloads and applies the change again. A change that names the version
 * it expects (editTodo) then fails with VERSION_CONFLICT from the domain.
 */
@injectable()
export class TodoChanger {
  constructor(
    @inject(TODO_REPOSITORY) private readonly todos: TodoRepository,
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  async change(
    ownerId: string,
    id: string,
    apply: (todo: Todo) => Result<Todo, DomainError>,
  ): Promise<Result<TodoView, DomainError>> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const current = await this.todos.findOwned(id, ownerId);
      if (!current) {
        return err(todoNotFound());
      }
      const next = apply(current);
      if (!next.ok) {
        return next;
      }
      if (!next.value.changedFrom(current)) {
        return ok(toTodoView(next.value));
      }
      const changed = next.value;
      const stored = await this.transaction.run(async () => {
        if (!(await this.todos.update(changed))) {
          return false;
        }
        await this.events.publish(changed.events, ownerId);
        return true;
      });
      if (stored) {
        return ok(toTodoView(changed));
      }
    }
    return err(todoError(TodoErrorCode.VersionConflict, 'The todo keeps changing; try again.'));
  }
}
