import { DomainError } from '#shared/domain/domain-error.js';

/** Stable codes clients branch on. Renaming one is a breaking change. */
export const TodoErrorCode = {
  InvalidContent: 'INVALID_CONTENT',
  InvalidTag: 'INVALID_TAG',
  TooManyTags: 'TOO_MANY_TAGS',
  VersionConflict: 'VERSION_CONFLICT',
  NotFound: 'NOT_FOUND',
} as const;

export type TodoErrorCode = (typeof TodoErrorCode)[keyof typeof TodoErrorCode];

export const todoError = (code: TodoErrorCode, message: string, field: string | null = null) =>
  new DomainError(code, message, field);

export const todoNotFound = () =>
  todoError(TodoErrorCode.NotFound, 'There is no todo with this id.', 'id');
