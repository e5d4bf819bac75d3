import type { TodoState } from '../../domain/todo.events.js';
import type { Todo } from '../../domain/todo.js';

/** A todo as readers see it: the state its events carry too. */
export type TodoView = TodoState;

export interface TagCountView {
  readonly tag: string;
  readonly count: number;
}

export function toTodoView(todo: Todo): TodoView {
  return todo.state;
}
