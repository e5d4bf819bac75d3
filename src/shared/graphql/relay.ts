import { Field, ObjectType } from 'type-graphql';
import { badUserInput } from './errors.js';

@ObjectType('PageInfo', { description: 'Forward pagination: pass endCursor as `after`.' })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: lists page forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

/** PageInfo for a forward page of edges. */
export const pageInfoOf = (
  edges: readonly { readonly cursor: string }[],
  hasNextPage: boolean,
): PageInfoType => ({
  hasNextPage,
  hasPreviousPage: false,
  startCursor: edges[0]?.cursor ?? null,
  endCursor: edges.at(-1)?.cursor ?? null,
});

export const PAGE_SIZE_MAX = 100;

/** `first` must be 1..100: a clear BAD_USER_INPUT otherwise. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > PAGE_SIZE_MAX) {
    throw badUserInput(`first must be between 1 and ${PAGE_SIZE_MAX}.`, 'first');
  }
  return first;
}

/** Opaque cursors: base64url JSON tagged with what they page, so foreign ones are refused. */
export function encodeCursor(kind: string, position: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...position })).toString('base64url');
}

export function decodeCursor<K extends string>(
  kind: string,
  cursor: string,
  keys: readonly K[],
): Record<K, string> {
  const invalid = () => badUserInput('The cursor is not valid for this list.', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { k?: unknown }).k !== kind) {
    throw invalid();
  }
  const record = parsed as Record<string, unknown>;
  if (!keys.every((key) => typeof record[key] === 'string')) {
    throw invalid();
  }
  return record as Record<K, string>;
}
