import { createHash } from 'node:crypto';
import { isUuid } from '#shared/domain/ids.js';
import {
  type CursorCodec,
  CursorRefusal,
  cursorCodec,
  INVALID_CURSOR,
} from '#shared/graphql/cursor.js';
import type {
  SortDirection,
  TodoFilter,
  TodoOrderField,
  TodoPosition,
} from '../application/index.js';

const KIND = 'todos';

/** ISO 8601 as PostgreSQL's to_json prints timestamptz: 2026-01-15T09:30:00.123+00:00 */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}$/;
const FLOAT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const FLOAT4_MAX = 3.4e38;
const FLOAT4_MIN_NORMAL = 1.2e-38;

interface Order {
  readonly field: TodoOrderField;
  readonly direction: SortDirection;
}

/** The list a cursor belongs to: its order and (a digest of) its filter. */
function listOf(order: Order, filter: TodoFilter): string {
  const normalised = JSON.stringify([
    order.field,
    order.direction,
    filter.search?.trim() ?? null,
    [...(filter.tags ?? [])].map((tag) => tag.trim().toLowerCase()).sort(),
    filter.completed ?? null,
  ]);
  return createHash('sha256').update(normalised).digest('base64url').slice(0, 16);
}

/**
 * Cursors of one list (order and filter): a cursor is accepted only by the list that issued
 * it, and only with a key PostgreSQL will read back exactly; anything else is
 * BAD_USER_INPUT on `after`.
 */
export function todoCursor(order: Order, filter: TodoFilter): CursorCodec<TodoPosition> {
  const list = listOf(order, filter);
  return cursorCodec({
    kind: KIND,
    keys: ['l', 'v', 'i'],
    write: ({ key, id }) => ({ l: list, v: key, i: id }),
    read: ({ l, v, i }) => {
      if (l !== list) {
        return new CursorRefusal(
          'The cursor belongs to another ordering or filter of this list; start again without it.',
        );
      }
      return isUuid(i) && validKey(order.field, v) ? { key: v, id: i } : INVALID_CURSOR;
    },
  });
}

function validKey(field: TodoOrderField, key: string): boolean {
  if (field !== 'RELEVANCE') {
    return TIMESTAMP.test(key) && !Number.isNaN(Date.parse(key));
  }
  const value = Math.abs(Number(key));
  return FLOAT.test(key) && (value === 0 || (value >= FLOAT4_MIN_NORMAL && value <= FLOAT4_MAX));
}
