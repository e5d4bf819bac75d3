import { registerEnumType } from 'type-graphql';

export const TodoOrderFieldEnum = {
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
  RELEVANCE: 'RELEVANCE',
} as const;
registerEnumType(TodoOrderFieldEnum, {
  name: 'TodoOrderField',
  description:
    'What todos are sorted by. RELEVANCE ranks full-text matches and needs filter.search.',
  valuesConfig: {
    CREATED_AT: { description: 'When the todo was created.' },
    UPDATED_AT: { description: 'When the todo last changed.' },
    RELEVANCE: {
      description: 'How well the todo matches filter.search; the default with a search.',
    },
  },
});

export const SortDirectionEnum = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(SortDirectionEnum, {
  name: 'SortDirection',
  description: 'Which end of the order comes first.',
  valuesConfig: {
    ASC: { description: 'Oldest, or least relevant, first.' },
    DESC: { description: 'Newest, or most relevant, first.' },
  },
});
