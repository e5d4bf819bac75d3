import type { Todo } from '../../domain/todo.js';

export interface TodoView {
  readonly id: string;
  readonly ownerId: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface TagCountView {
  readonly tag: string;
  readonly count: number;
}

export function toTodoView(todo: Todo): TodoView {
  return {
    id: todo.id,
    ownerId: todo.ownerId,
    content: todo.content.value,
    tags: todo.tags.values,
    completedAt: todo.completedAt,
    createdAt: todo.createdAt,
    updatedAt: todo.updatedAt,
    version: todo.version,
  };
}
