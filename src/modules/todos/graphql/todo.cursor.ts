import { isUuid } from '../../../shared/domain/ids.js';
import { badUserInput } from '../../../shared/graphql/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/graphql/relay.js';
import type { SortDirection, TodoOrderField } from '../application/index.js';

const KIND = 'todos';

interface Order {
  readonly field: TodoOrderField;
  readonly direction: SortDirection;
}

/** A cursor names its position and the order it belongs to; another order refuses it. */
export function encodeTodoCursor(order: Order, key: string, id: string): string {
  return encodeCursor(KIND, { o: order.field, d: order.direction, v: key, i: id });
}

export function decodeTodoCursor(order: Order, cursor: string): { key: string; id: string } {
  const position = decodeCursor(KIND, cursor, ['o', 'd', 'v', 'i']);
  const invalid = () => badUserInput('The cursor is not valid for this list.', 'after');
  if (position.o !== order.field || position.d !== order.direction) {
    throw badUserInput('The cursor belongs to another ordering of this list.', 'after');
  }
  const keyIsValid =
    order.field === 'RELEVANCE'
      ? Number.isFinite(Number(position.v))
      : !Number.isNaN(Date.parse(position.v));
  if (!keyIsValid || !isUuid(position.i)) {
    throw invalid();
  }
  return { key: position.v, id: position.i };
}
