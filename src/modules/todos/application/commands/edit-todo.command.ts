import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import { Content } from '../../domain/content.js';
import type { TodoView } from '../queries/todo.view.js';
import { TodoChanger } from '../services/todo-changer.js';

export interface EditTodoCommand {
  readonly ownerId: string;
  readonly id: string;
  readonly content: string;
  /** The version the user edited; a newer stored version is a VERSION_CONFLICT. */
  readonly expectedVersion: number;
}

@injectable()
export class EditTodoHandler {
  constructor(
    @inject(TodoChanger) private readonly changer: TodoChanger,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EditTodoCommand): Promise<Result<TodoView, DomainError>> {
    const content = Content.parse(command.content);
    if (!content.ok) {
      return content;
    }
    return this.changer.change(command.ownerId, command.id, (todo) =>
      todo.edit(content.value, command.expectedVersion, this.clock.now()),
    );
  }
}
