import { registerEnumType } from 'type-graphql';

/** GraphQL's names for the domain's todo events; the values are the events' own types. */
export const TodoEventKindEnum = {
  CREATED: 'TodoCreated',
  EDITED: 'TodoEdited',
  COMPLETED: 'TodoCompleted',
  REOPENED: 'TodoReopened',
  TAGGED: 'TodoTagged',
  UNTAGGED: 'TodoUntagged',
  DELETED: 'TodoDeleted',
} as const;
registerEnumType(TodoEventKindEnum, {
  name: 'TodoEventKind',
  description: 'What happened to a todo.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    EDITED: { description: 'Its content changed.' },
    COMPLETED: { description: 'It was completed.' },
    REOPENED: { description: 'It was opened again after completion.' },
    TAGGED: { description: 'Tags were added: `tags` lists them.' },
    UNTAGGED: { description: 'Tags were removed: `tags` lists them.' },
    DELETED: { description: 'It was deleted: `todo` is null, `todoId` names it.' },
  },
});
