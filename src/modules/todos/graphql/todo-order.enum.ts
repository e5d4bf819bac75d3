import { registerEnumType } from 'type-graphql';

export const TodoOrderFieldEnum = {
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
  RELEVANCE: 'RELEVANCE',
} as const;
registerEnumType(TodoOrderFieldEnum, {
  name: 'TodoOrderField',
  description: 'RELEVANCE ranks full-text matches and needs filter.search.',
});

export const SortDirectionEnum = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });
