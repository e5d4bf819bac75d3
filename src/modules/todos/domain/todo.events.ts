/** What happened to a todo; handlers publish these (EVENT_PUBLISHER) once the change is stored. */
export type TodoEvent =
  | {
      readonly type: 'TodoCreated';
      readonly todoId: string;
      readonly ownerId: string;
      readonly at: Date;
    }
  | { readonly type: 'TodoEdited'; readonly todoId: string; readonly at: Date }
  | { readonly type: 'TodoCompleted'; readonly todoId: string; readonly at: Date }
  | { readonly type: 'TodoReopened'; readonly todoId: string; readonly at: Date }
  | {
      readonly type: 'TodoTagged' | 'TodoUntagged';
      readonly todoId: string;
      readonly tags: readonly string[];
      readonly at: Date;
    }
  | { readonly type: 'TodoDeleted'; readonly todoId: string; readonly at: Date };
