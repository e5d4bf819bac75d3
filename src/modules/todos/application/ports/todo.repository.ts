import type { Todo } from '../../domain/todo.js';

/** Todos exist only for their owner: every lookup is by id *and* owner. */
export interface TodoRepository {
  add(todo: Todo): Promise<void>;
  findOwned(id: string, ownerId: string): Promise<Todo | null>;
  /** Stores a changed todo if nobody changed it since it was read; false otherwise. */
  update(todo: Todo): Promise<boolean>;
  remove(id: string, ownerId: string): Promise<boolean>;
}

export const TODO_REPOSITORY = Symbol('todos.TodoRepository');
