import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import type { TodoView } from '../queries/todo.view.js';
import { TodoChanger } from '../services/todo-changer.js';

export interface CompleteTodoCommand {
  readonly ownerId: string;
  readonly id: string;
}

@injectable()
export class CompleteTodoHandler {
  constructor(
    @inject(TodoChanger) private readonly changer: TodoChanger,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: CompleteTodoCommand): Promise<Result<TodoView, DomainError>> {
    return this.changer.change(command.ownerId, command.id, (todo) =>
      ok(todo.complete(this.clock.now())),
    );
  }
}
