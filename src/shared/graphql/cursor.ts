import { isUuid } from '../domain/ids.js';
import { badUserInput } from './errors.js';

/** Why a list refuses a cursor: the message the client gets, on `after` or `before`. */
export class CursorRefusal {
  constructor(readonly message: string) {}
}

export const INVALID_CURSOR = new CursorRefusal('The cursor is not valid for this list.');

/** Opaque cursors: base64url JSON tagged with the list they page, so foreign ones are refused. */
export interface CursorCodec<P> {
  encode(position: P): string;
  /** The position, or BAD_USER_INPUT on `field` for any cursor this list did not issue. */
  decode(cursor: string, field?: 'after' | 'before'): P;
}

export interface CursorFormat<K extends string, P> {
  /** Tags the cursor with its list: another list's cursor is refused. */
  readonly kind: string;
  /** The string fields a cursor of this list carries. */
  readonly keys: readonly K[];
  write(position: P): Record<K, string>;
  /** The position the fields name, or why they name none. */
  read(fields: Record<K, string>): P | CursorRefusal;
}

export function cursorCodec<K extends string, P>(format: CursorFormat<K, P>): CursorCodec<P> {
  return {
    encode: (position) =>
      Buffer.from(JSON.stringify({ k: format.kind, ...format.write(position) })).toString(
        'base64url',
      ),
    decode: (cursor, field = 'after') => {
      const fields = parseFields(cursor, format.kind, format.keys);
      const position = fields ? format.read(fields) : INVALID_CURSOR;
      if (position instanceof CursorRefusal) {
        throw badUserInput(position.message, field);
      }
      return position;
    },
  };
}

function parseFields<K extends string>(
  cursor: string,
  kind: string,
  keys: readonly K[],
): Record<K, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { k?: unknown }).k !== kind) {
    return null;
  }
  const record = parsed as Record<string, unknown>;
  return keys.every((key) => typeof record[key] === 'string')
    ? (record as Record<K, string>)
    : null;
}

export interface TimeKeyset {
  readonly createdAt: Date;
  readonly id: string;
}

/** The usual keyset: a creation time and an id, under the field names the list has used. */
export function timeKeysetCursor(kind: string, timeKey: string): CursorCodec<TimeKeyset> {
  return cursorCodec<string, TimeKeyset>({
    kind,
    keys: [timeKey, 'id'],
    write: ({ createdAt, id }) => ({ [timeKey]: createdAt.toISOString(), id }),
    read: (fields) => {
      const createdAt = new Date(fields[timeKey] as string);
      const id = fields.id as string;
      return Number.isNaN(createdAt.getTime()) || !isUuid(id) ? INVALID_CURSOR : { createdAt, id };
    },
  });
}
