import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's object identification: any node can be fetched again by its (UUID) id. */
@InterfaceType('Node', {
  description: 'An object with a globally unique id, for refetching with node(id).',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'A UUID, unique across all types.' })
  id!: string;
}

/** Marks a value with its GraphQL type, so Node can resolve it. */
export const asNode = <T extends object>(typename: string, value: T) => ({
  ...value,
  __typename: typename,
});
