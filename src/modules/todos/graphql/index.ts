import './user-error-code.enum.js';
import { TodoResolver } from './todo.resolver.js';
import { TodoEventsResolver } from './todo-events.resolver.js';
import { TodoMutationsResolver } from './todo-mutations.resolver.js';

export { createTodosLoaders } from './todo.loaders.js';
export { TodoType } from './todo.type.js';

export const todosResolvers = [TodoResolver, TodoMutationsResolver, TodoEventsResolver] as const;
