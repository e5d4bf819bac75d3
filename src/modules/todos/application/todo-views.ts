import type { Todo } from '../domain/todo.js';
import type { TodoView } from './queries/todo.view.js';

export function toTodoView(todo: Todo): TodoView {
  const { props } = todo;
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
