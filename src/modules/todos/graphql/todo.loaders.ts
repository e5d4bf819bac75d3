import DataLoader from 'dataloader';
import type { GetTodosByIdsHandler, TodoView } from '../application/index.js';

declare module '#shared/graphql/context.js' {
  interface RequestLoaders {
    /** The viewer's todos by id; other users' todos load as null. */
    todos: DataLoader<string, TodoView | null>;
  }
}

export function createTodosLoaders(todosByIds: GetTodosByIdsHandler, viewerId: string | null) {
  return {
    todos: new DataLoader<string, TodoView | null>((ids) =>
      viewerId
        ? todosByIds.execute({ ownerId: viewerId, ids })
        : Promise.resolve(ids.map(() => null)),
    ),
  };
}
