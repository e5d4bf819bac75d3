import { inject, injectable } from 'inversify';
import { Arg, Authorized, Resolver, Root, Subscription } from 'type-graphql';
import { toGraphQLError } from '#shared/graphql/errors.js';
import { type LiveRequest, type LiveTopic, liveRequest } from '#shared/graphql/live.js';
import { FollowTodoEventsHandler, type TodoChangeView } from '../application/index.js';
import { TodoEventType } from './todo-event.type.js';

const TODO_EVENTS = 'todoEvents';

@injectable()
@Resolver(() => TodoEventType)
export class TodoEventsResolver {
  @Authorized()
  @Subscription(() => TodoEventType, {
    topics: TODO_EVENTS,
    topicId: liveRequest,
    description:
      "Changes to the viewer's todos, made anywhere, as they are committed (over WebSocket, graphql-ws). With `after`, the changes since that event come first, in order, none twice.",
  })
  todoEvents(
    @Root() change: TodoChangeView,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last event received. BAD_USER_INPUT if it is not one; CURSOR_EXPIRED once its events are no longer kept (OUTBOX_RETENTION_HOURS).',
    })
    _after: string | null,
  ): TodoChangeView {
    return change;
  }
}

/** The source of `todoEvents`: the viewer's todo changes from the event stream. */
@injectable()
export class TodoEventsTopic implements LiveTopic {
  readonly name = TODO_EVENTS;

  constructor(@inject(FollowTodoEventsHandler) private readonly follow: FollowTodoEventsHandler) {}

  async open({ args, context }: LiveRequest): Promise<AsyncIterableIterator<unknown>> {
    // @Authorized() has checked the viewer; the WebSocket server gives every subscription its connection.
    const viewer = context.viewer;
    const live = context.live;
    if (!viewer || !live) {
      throw new Error('todoEvents runs on an authenticated WebSocket connection.');
    }
    const after = args.after;
    const followed = await this.follow.execute({
      ownerId: viewer.userId,
      after: typeof after === 'string' ? after : null,
      bounds: live.bounds,
    });
    if (!followed.ok) {
      throw toGraphQLError(followed.error);
    }
    return followed.value;
  }
}
