import { inject, injectable } from 'inversify';
import {
  EVENT_STREAM,
  type EventStream,
  type FollowBounds,
  mapEvents,
  type StreamedEvent,
} from '#shared/application/event-stream.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { TODO_EVENT_TYPES, type TodoEventType } from '../../domain/todo.events.js';
import type { TodoView } from './todo.view.js';

export interface FollowTodoEventsQuery {
  readonly ownerId: string;
  /** The cursor of the last event the follower received; null to start from now. */
  readonly after: string | null;
  readonly bounds: FollowBounds;
}

/** One change to one of the owner's todos, as a follower receives it. */
export interface TodoChangeView {
  readonly kind: TodoEventType;
  readonly todoId: string;
  /** The todo after the change; null when it was deleted. */
  readonly todo: TodoView | null;
  /** The tags a TodoTagged or TodoUntagged added or removed; empty otherwise. */
  readonly tags: readonly string[];
  readonly cursor: string;
  readonly occurredAt: Date;
}

const TYPES: ReadonlySet<string> = new Set(TODO_EVENT_TYPES);

/**
 * The owner's todo changes as they are committed on any replica; with `after`, the ones
 * since that event first, in order, none twice. Refused with INVALID_CURSOR or
 * CURSOR_EXPIRED (field `after`) when the cursor is not one or its events are purged.
 */
@injectable()
export class FollowTodoEventsHandler {
  constructor(@inject(EVENT_STREAM) private readonly stream: EventStream) {}

  async execute(
    query: FollowTodoEventsQuery,
  ): Promise<Result<AsyncIterableIterator<TodoChangeView>, DomainError>> {
    const followed = await this.stream.follow({
      audience: query.ownerId,
      types: TYPES,
      after: query.after,
      bounds: query.bounds,
    });
    return followed.ok ? ok(mapEvents(followed.value, toTodoChange)) : followed;
  }
}

interface StoredTodoState {
  readonly id: string;
  readonly ownerId: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly completedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The payload as the outbox keeps it: the event less its type and time, dates as text. */
function toTodoChange(event: StreamedEvent): TodoChangeView {
  const payload = event.payload as {
    readonly todoId: string;
    readonly todo?: StoredTodoState;
    readonly tags?: readonly string[];
  };
  const state = payload.todo;
  return {
    kind: event.type as TodoEventType,
    todoId: payload.todoId,
    todo: state
      ? {
          id: state.id,
          ownerId: state.ownerId,
          content: state.content,
          tags: state.tags,
          completedAt: state.completedAt === null ? null : new Date(state.completedAt),
          createdAt: new Date(state.createdAt),
          updatedAt: new Date(state.updatedAt),
          version: state.version,
        }
      : null,
    tags: event.type === 'TodoTagged' || event.type === 'TodoUntagged' ? (payload.tags ?? []) : [],
    cursor: event.cursor,
    occurredAt: event.occurredAt,
  };
}
