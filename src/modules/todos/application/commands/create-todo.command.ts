import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import { ID_GENERATOR, type IdGenerator } from '#shared/application/id-generator.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { Content } from '../../domain/content.js';
import { TagSet } from '../../domain/tags.js';
import { Todo } from '../../domain/todo.js';
import { TODO_REPOSITORY, type TodoRepository } from '../ports/todo.repository.js';
import { type TodoView, toTodoView } from '../queries/todo.view.js';

export interface CreateTodoCommand {
  readonly ownerId: string;
  readonly content: string;
  readonly tags: readonly string[];
}

@injectable()
export class CreateTodoHandler {
  constructor(
    @inject(TODO_REPOSITORY) private readonly todos: TodoRepository,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  async execute(command: CreateTodoCommand): Promise<Result<TodoView, DomainError[]>> {
    const content = Content.parse(command.content);
    const tags = TagSet.of(command.tags);
    if (!content.ok || !tags.ok) {
      return err([content, tags].flatMap((result) => (result.ok ? [] : [result.error])));
    }
    const todo = Todo.create({
      id: this.ids.newId(),
      ownerId: command.ownerId,
      content: content.value,
      tags: tags.value,
      at: this.clock.now(),
    });
    await this.transaction.run(async () => {
      await this.todos.add(todo);
      await this.events.publish(todo.events, todo.ownerId);
    });
    return ok(toTodoView(todo));
  }
}
