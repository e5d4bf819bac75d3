// The todos module's public API: what other modules and the composition root may use.

export { TODO_EVENT_TYPES, type TodoEventType } from '../domain/todo.events.js';
export { TodoErrorCode } from '../domain/todos.errors.js';
export type { CompleteTodoCommand } from './commands/complete-todo.command.js';
export { CompleteTodoHandler } from './commands/complete-todo.command.js';
export type { CreateTodoCommand } from './commands/create-todo.command.js';
export { CreateTodoHandler } from './commands/create-todo.command.js';
export type { DeleteTodoCommand } from './commands/delete-todo.command.js';
export { DeleteTodoHandler } from './commands/delete-todo.command.js';
export type { EditTodoCommand } from './commands/edit-todo.command.js';
export { EditTodoHandler } from './commands/edit-todo.command.js';
export type { ReopenTodoCommand } from './commands/reopen-todo.command.js';
export { ReopenTodoHandler } from './commands/reopen-todo.command.js';
export type { TagTodoCommand } from './commands/tag-todo.command.js';
export { TagTodoHandler } from './commands/tag-todo.command.js';
export type { UntagTodoCommand } from './commands/untag-todo.command.js';
export { UntagTodoHandler } from './commands/untag-todo.command.js';
export type {
  SortDirection,
  TodoFilter,
  TodoOrderField,
  TodoPage,
  TodoPageRequest,
  TodoPosition,
} from './ports/todo.read-model.js';
export type {
  FollowTodoEventsQuery,
  TodoChangeView,
} from './queries/follow-todo-events.query.js';
export { FollowTodoEventsHandler } from './queries/follow-todo-events.query.js';
export type { GetTodosByIdsQuery } from './queries/get-todos-by-ids.query.js';
export { GetTodosByIdsHandler } from './queries/get-todos-by-ids.query.js';
export type { ListTagsQuery } from './queries/list-tags.query.js';
export { ListTagsHandler } from './queries/list-tags.query.js';
export type { ListTodosQuery } from './queries/list-todos.query.js';
export { ListTodosHandler } from './queries/list-todos.query.js';
export type { TagCountView, TodoView } from './queries/todo.view.js';
