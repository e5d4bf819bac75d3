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

/** A todo's place in a list: the value of the sort key, and the id that breaks ties. */
export interface TodoPosition {
  readonly key: string;
  readonly id: string;
}

export interface TodoPageRequest {
  readonly ownerId: string;
  /** How many todos the page holds at most. */
  readonly size: number;
  readonly filter: TodoFilter;
  readonly order: { readonly field: TodoOrderField; readonly direction: SortDirection };
  /**
   * Forward: the page starts after this todo (the last of the previous page). Backward:
   * it ends before this todo (the first of the next page). Null: at the list's start (or
   * end, backward).
   */
  readonly cursor: TodoPosition | null;
  /** Read the `size` todos that come just before `cursor` (or the end), in list order. */
  readonly backward: boolean;
}

interface TodoPageItem {
  readonly todo: TodoView;
  /** The value of the sort key, for this item's cursor. */
  readonly key: string;
}

export interface TodoPage extends Page<TodoPageItem> {
  readonly totalCount: number;
  /** Whether todos of the list come before the page: exact, in both directions. */
  readonly hasPreviousPage: boolean;
}

/** Reads shaped for screens, straight from SQL: one statement per page, whatever its size. */
export interface TodoReadModel {
  page(request: TodoPageRequest): Promise<TodoPage>;
  findOwnedByIds(ownerId: string, ids: readonly string[]): Promise<TodoView[]>;
  tagCounts(ownerId: string): Promise<TagCountView[]>;
}

export const TODO_READ_MODEL = Symbol('todos.TodoReadModel');
