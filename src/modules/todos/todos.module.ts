import { ContainerModule } from 'inversify';
import { LIVE_TOPIC } from '#shared/graphql/live.js';
import { CompleteTodoHandler } from './application/commands/complete-todo.command.js';
import { CreateTodoHandler } from './application/commands/create-todo.command.js';
import { DeleteTodoHandler } from './application/commands/delete-todo.command.js';
import { EditTodoHandler } from './application/commands/edit-todo.command.js';
import { ReopenTodoHandler } from './application/commands/reopen-todo.command.js';
import { TagTodoHandler } from './application/commands/tag-todo.command.js';
import { UntagTodoHandler } from './application/commands/untag-todo.command.js';
import { TODO_READ_MODEL } from './application/ports/todo.read-model.js';
import { TODO_REPOSITORY } from './application/ports/todo.repository.js';
import { FollowTodoEventsHandler } from './application/queries/follow-todo-events.query.js';
import { GetTodosByIdsHandler } from './application/queries/get-todos-by-ids.query.js';
import { ListTagsHandler } from './application/queries/list-tags.query.js';
import { ListTodosHandler } from './application/queries/list-todos.query.js';
import { TodoChanger } from './application/services/todo-changer.js';
import { TodoResolver } from './graphql/todo.resolver.js';
import { TodoEventsResolver, TodoEventsTopic } from './graphql/todo-events.resolver.js';
import { TodoMutationsResolver } from './graphql/todo-mutations.resolver.js';
import { DrizzleTodoReadModel } from './infrastructure/drizzle-todo.read-model.js';
import { DrizzleTodoRepository } from './infrastructure/drizzle-todo.repository.js';

/** The todos module's bindings; it takes no configuration. */
export function todosModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TODO_REPOSITORY).to(DrizzleTodoRepository);
    bind(TODO_READ_MODEL).to(DrizzleTodoReadModel);
    bind(TodoChanger).toSelf();
    bind(CreateTodoHandler).toSelf();
    bind(EditTodoHandler).toSelf();
    bind(CompleteTodoHandler).toSelf();
    bind(ReopenTodoHandler).toSelf();
    bind(TagTodoHandler).toSelf();
    bind(UntagTodoHandler).toSelf();
    bind(DeleteTodoHandler).toSelf();
    bind(GetTodosByIdsHandler).toSelf();
    bind(ListTodosHandler).toSelf();
    bind(ListTagsHandler).toSelf();
    bind(FollowTodoEventsHandler).toSelf();
    bind(TodoResolver).toSelf();
    bind(TodoMutationsResolver).toSelf();
    bind(TodoEventsResolver).toSelf();
    bind(LIVE_TOPIC).to(TodoEventsTopic);
  });
}
