/** A todo as it stands after a change: events carry it, so followers need not read it back. */
export interface TodoState {
  readonly id: string;
  readonly ownerId: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/**
 * What happened to a todo; handlers publish these (EVENT_PUBLISHER) in the transaction of
 * the change. Every event but TodoDeleted carries the todo's state after it.
 */
export type TodoEvent =
  | {
      readonly type: 'TodoCreated';
      readonly todoId: string;
      readonly ownerId: string;
      readonly todo: TodoState;
      readonly at: Date;
    }
  | {
      readonly type: 'TodoEdited' | 'TodoCompleted' | 'TodoReopened';
      readonly todoId: string;
      readonly todo: TodoState;
      readonly at: Date;
    }
  | {
      readonly type: 'TodoTagged' | 'TodoUntagged';
      readonly todoId: string;
      /** The tags this change added or removed. */
      readonly tags: readonly string[];
      readonly todo: TodoState;
      readonly at: Date;
    }
  | { readonly type: 'TodoDeleted'; readonly todoId: string; readonly at: Date };

export type TodoEventType = TodoEvent['type'];

/** Every kind of todo event, in the order a todo's life usually meets them. */
export const TODO_EVENT_TYPES: readonly TodoEventType[] = [
  'TodoCreated',
  'TodoEdited',
  'TodoCompleted',
  'TodoReopened',
  'TodoTagged',
  'TodoUntagged',
  'TodoDeleted',
];
