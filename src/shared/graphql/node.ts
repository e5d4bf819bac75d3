import { Field, ID, InterfaceType } from 'type-graphql';

/** A node's GraphQL type: asNode marks every value `node(id)` returns with it. */
export const resolveNodeType = (value: { __typename?: string }) => value.__typename;

/** Relay's object identification: any node can be fetched again by its (UUID) id. */
@InterfaceType('Node', {
  description: 'An object with a globally unique id, for refetching with node(id).',
  resolveType: resolveNodeType,
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
