import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { TodoView } from '../queries/todo.view.js';
import { TodoChanger } from '../services/todo-changer.js';

export interface TagTodoCommand {
  readonly ownerId: string;
  readonly id: string;
  readonly tags: readonly string[];
}

@injectable()
export class TagTodoHandler {
  constructor(
    @inject(TodoChanger) private readonly changer: TodoChanger,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: TagTodoCommand): Promise<Result<TodoView, DomainError>> {
    return this.changer.change(command.ownerId, command.id, (todo) =>
      todo.tag(command.tags, this.clock.now()),
    );
  }
}
