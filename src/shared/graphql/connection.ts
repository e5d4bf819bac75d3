import { type ClassType, Field, ObjectType } from 'type-graphql';
import type { Page } from '../application/page.js';
import { badUserInput } from './errors.js';

@ObjectType('PageInfo', { description: 'Forward pagination: pass endCursor as `after`.' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: lists page forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The first edge's cursor; null when the page is empty.",
  })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

/**
 * The Relay connection type of a node type: `<Name>Edge { cursor node }` and an abstract
 * `{ edges pageInfo }` to extend, named and given extra fields (`totalCount`) by the module.
 * `V` is what resolvers hand over as nodes (the module's view).
 */
export function ConnectionType<V>(nodeType: ClassType, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, {
      description:
        'Opaque; pass as `after` to continue after this edge. Only valid for the same list, order and filter.',
    })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: V;
  }

  @ObjectType()
  abstract class AbstractConnectionType {
    @Field(() => [EdgeType], { description: "This page, in the list's order." })
    edges!: EdgeType[];

    @Field(() => PageInfoType, { description: 'Whether more pages follow, and where they start.' })
    pageInfo!: PageInfoType;
  }
  return AbstractConnectionType;
}

export interface Edge<N> {
  readonly cursor: string;
  readonly node: N;
}

export interface Connection<N> {
  readonly edges: Edge<N>[];
  readonly pageInfo: PageInfoType;
}

/** A Relay connection over a forward page: one edge per item, and its PageInfo. */
export function connectionOf<T, N>(page: Page<T>, edgeOf: (item: T) => Edge<N>): Connection<N> {
  const edges = page.items.map(edgeOf);
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const PAGE_SIZE_MAX = 100;

/** The options of every list's `first` argument: its default and the limit it states. */
export const PAGE_SIZE_ARG = {
  defaultValue: 20,
  description: 'Page size, 1 to 100 (else BAD_USER_INPUT).',
} as const;

/** `first` must be 1..100: a clear BAD_USER_INPUT otherwise. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > PAGE_SIZE_MAX) {
    throw badUserInput(`first must be between 1 and ${PAGE_SIZE_MAX}.`, 'first');
  }
  return first;
}
