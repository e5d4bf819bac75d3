import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import type { Content } from './content.js';
import type { TagSet } from './tags.js';
import type { TodoEvent, TodoState } from './todo.events.js';
import { TodoErrorCode, todoError } from './todos.errors.js';

export interface TodoProps {
  readonly id: string;
  readonly ownerId: string;
  readonly content: Content;
  readonly tags: TagSet;
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Goes up by one with every change; writers must name the version they changed. */
  readonly version: number;
}

/**
 * The todo aggregate. Every change returns a new Todo with the version raised and an event
 * recorded; a request for the state already in force changes nothing.
 */
export class Todo {
  private constructor(
    private readonly props: TodoProps,
    readonly events: readonly TodoEvent[] = [],
  ) {}

  static create(input: {
    id: string;
    ownerId: string;
    content: Content;
    tags: TagSet;
    at: Date;
  }): Todo {
    const { id, ownerId, content, tags, at } = input;
    const props = { id, ownerId, content, tags, completedAt: null, createdAt: at, updatedAt: at };
    const created = { ...props, version: 1 };
    return new Todo(created, [
      { type: 'TodoCreated', todoId: id, ownerId, todo: stateOf(created), at },
    ]);
  }

  static restore(props: TodoProps): Todo {
    return new Todo(props);
  }

  get id() {
    return this.props.id;
  }
  get ownerId() {
    return this.props.ownerId;
  }
  get content() {
    return this.props.content;
  }
  get tags() {
    return this.props.tags;
  }
  get completedAt() {
    return this.props.completedAt;
  }
  get createdAt() {
    return this.props.createdAt;
  }
  get updatedAt() {
    return this.props.updatedAt;
  }
  get version() {
    return this.props.version;
  }
  /** The version this todo was read at: its version less the changes it carries. */
  get storedVersion() {
    return this.props.version - this.events.length;
  }
  get completed() {
    return this.props.completedAt !== null;
  }
  /** The todo as plain data: what its events carry and what readers are shown. */
  get state(): TodoState {
    return stateOf(this.props);
  }

  /** True when `other` is this todo after at least one change. */
  changedFrom(other: Todo): boolean {
    return this.version !== other.version;
  }

  edit(content: Content, expectedVersion: number, at: Date): Result<Todo, DomainError> {
    if (expectedVersion !== this.version) {
      return err(
        todoError(
          TodoErrorCode.VersionConflict,
          `The todo changed since version ${expectedVersion}; it is now at version ${this.version}.`,
          'expectedVersion',
        ),
      );
    }
    if (content.value === this.props.content.value) {
      return ok(this);
    }
    return ok(
      this.change({ content }, (todo) => ({ type: 'TodoEdited', todoId: this.id, todo, at }), at),
    );
  }

  complete(at: Date): Todo {
    return this.completed
      ? this
      : this.change(
          { completedAt: at },
          (todo) => ({ type: 'TodoCompleted', todoId: this.id, todo, at }),
          at,
        );
  }

  reopen(at: Date): Todo {
    return this.completed
      ? this.change(
          { completedAt: null },
          (todo) => ({ type: 'TodoReopened', todoId: this.id, todo, at }),
          at,
        )
      : this;
  }

  tag(tags: readonly string[], at: Date): Result<Todo, DomainError> {
    const next = this.props.tags.with(tags);
    if (!next.ok) {
      return next;
    }
    return ok(this.retag(next.value, 'TodoTagged', at));
  }

  untag(tags: readonly string[], at: Date): Result<Todo, DomainError> {
    const next = this.props.tags.without(tags);
    if (!next.ok) {
      return next;
    }
    return ok(this.retag(next.value, 'TodoUntagged', at));
  }

  /** The event for removing this todo; the repository does the removing. */
  deleted(at: Date): TodoEvent {
    return { type: 'TodoDeleted', todoId: this.id, at };
  }

  private retag(tags: TagSet, type: 'TodoTagged' | 'TodoUntagged', at: Date): Todo {
    if (tags.equals(this.props.tags)) {
      return this;
    }
    const before = new Set(this.props.tags.values);
    const after = new Set(tags.values);
    const changed =
      type === 'TodoTagged'
        ? tags.values.filter((tag) => !before.has(tag))
        : this.props.tags.values.filter((tag) => !after.has(tag));
    return this.change(
      { tags },
      (todo) => ({ type, todoId: this.id, tags: changed, todo, at }),
      at,
    );
  }

  private change(
    patch: Partial<TodoProps>,
    event: (state: TodoState) => TodoEvent,
    at: Date,
  ): Todo {
    const next = { ...this.props, ...patch, updatedAt: at, version: this.props.version + 1 };
    return new Todo(next, [...this.events, event(stateOf(next))]);
  }
}

function stateOf(props: TodoProps): TodoState {
  return {
    id: props.id,
    ownerId: props.ownerId,
    content: props.content.value,
    tags: props.tags.values,
    completedAt: props.completedAt,
    createdAt: props.createdAt,
    updatedAt: props.updatedAt,
    version: props.version,
  };
}
