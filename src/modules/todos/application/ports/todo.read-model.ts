import type { Page } from '#shared/application/page.js';
import type { TagCountView, TodoView } from '../queries/todo.view.js';

export type TodoOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'RELEVANCE';
export type SortDirection = 'ASC' | 'DESC';

export interface TodoFilter {
  /** Web-search syntax: words, "quoted phrases", -excluded, or. */
  readonly search?: string | undefined;
  /** Todos carrying every one of these tags. */
  readonly tags?: readonly string[] | undefined;
  readonly completed?: boolean | undefined;
}

export interface TodoPageRequest {
  readonly ownerId: string;
  readonly first: number;
  readonly filter: TodoFilter;
  readonly order: { readonly field: TodoOrderField; readonly direction: SortDirection };
  /** The sort key and id of the last todo of the previous page. */
  readonly after: { readonly key: string; readonly id: string } | null;
}

interface TodoPageItem {
  readonly todo: TodoView;
  /** The value of the sort key, for this item's cursor. */
  readonly key: string;
}

export interface TodoPage extends Page<TodoPageItem> {
  readonly totalCount: number;
}

/** Reads shaped for screens, straight from SQL: one statement per page, whatever its size. */
export interface TodoReadModel {
  page(request: TodoPageRequest): Promise<TodoPage>;
  findOwnedByIds(ownerId: string, ids: readonly string[]): Promise<TodoView[]>;
  tagCounts(ownerId: string): Promise<TagCountView[]>;
}

export const TODO_READ_MODEL = Symbol('todos.TodoReadModel');
