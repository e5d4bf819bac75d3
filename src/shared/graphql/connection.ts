import { type ClassType, Field, ObjectType } from 'type-graphql';
import type { Page } from '../application/page.js';
import { badUserInput } from './errors.js';

@ObjectType('PageInfo', {
  simpleResolvers: true,
  description:
    'Where the page sits: pass endCursor as `after` for the next page; on lists that page backward (todos), startCursor as `before` for the previous one.',
})
export class PageInfoType {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether a page precedes this one. Exact on todos; false on lists that page forward only (users, predictions).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The first edge's cursor (pass as `before` for the previous page); null when the page is empty.",
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
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `One ${name} in a page, with its cursor.`,
  })
  class EdgeType {
    @Field(() => String, {
      description:
        'Opaque; pass as `after` to continue after this edge (or as `before`, on lists that page backward). Only valid for the same list, order and filter.',
    })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: V;
  }

  @ObjectType({ simpleResolvers: true })
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

/** A Relay connection over a page: one edge per item, and its PageInfo. */
export function connectionOf<T, N>(page: Page<T>, edgeOf: (item: T) => Edge<N>): Connection<N> {
  const edges = page.items.map(edgeOf);
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage ?? false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const PAGE_SIZE_MAX = 100;
/** A page's size when the client asks for none. */
export const PAGE_SIZE_DEFAULT = 20;

/** The options of every forward-only list's `first` argument: its default and its limit. */
export const PAGE_SIZE_ARG = {
  defaultValue: PAGE_SIZE_DEFAULT,
  description: 'Page size, 1 to 100 (else BAD_USER_INPUT).',
} as const;

/** `first` (or `last`) must be 1..100: a clear BAD_USER_INPUT otherwise. */
export function checkPageSize(size: number, field: 'first' | 'last' = 'first'): number {
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE_MAX) {
    throw badUserInput(`${field} must be between 1 and ${PAGE_SIZE_MAX}.`, field);
  }
  return size;
}

export interface PageRequest<P> {
  readonly size: number;
  readonly cursor: P | null;
  readonly backward: boolean;
}

/**
 * Relay's two ways through a list: `first` after `after` (forward, the default), or `last`
 * before `before` (backward; `before` alone reads backward too). Mixing them is refused
 * with BAD_USER_INPUT on the argument that does not belong.
 */
export function pageRequest<P>(
  args: {
    readonly first?: number | null;
    readonly after?: string | null;
    readonly last?: number | null;
    readonly before?: string | null;
  },
  decode: (cursor: string, field: 'after' | 'before') => P,
): PageRequest<P> {
  // An argument left out arrives as undefined, one sent as null as null: both mean absent.
  const first = args.first ?? null;
  const after = args.after ?? null;
  const last = args.last ?? null;
  const before = args.before ?? null;
  if (first !== null && last !== null) {
    throw badUserInput('Pass first (forward) or last (backward), not both.', 'last');
  }
  if (after !== null && before !== null) {
    throw badUserInput('Pass after (forward) or before (backward), not both.', 'before');
  }
  const backward = last !== null || before !== null;
  if (backward && first !== null) {
    throw badUserInput('before pages backward: pass last with it, not first.', 'first');
  }
  if (backward && after !== null) {
    throw badUserInput('last pages backward: pass before with it, not after.', 'after');
  }
  const size = backward ? last : first;
  const cursor = backward ? before : after;
  return {
    size: size === null ? PAGE_SIZE_DEFAULT : checkPageSize(size, backward ? 'last' : 'first'),
    cursor: cursor === null ? null : decode(cursor, backward ? 'before' : 'after'),
    backward,
  };
}
