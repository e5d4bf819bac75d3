import type { OutboxCursor } from './outbox.js';

/**
 * A follower's cursor as clients hold it: opaque text (base64url of the transaction id and
 * position). Clients compare them only for equality and pass them back as `after`.
 */
export function encodeEventCursor(cursor: OutboxCursor): string {
  return Buffer.from(`${cursor.transactionId}:${cursor.position}`).toString('base64url');
}

/** The cursor `text` stands for; null for anything that is not one. */
export function decodeEventCursor(text: string): OutboxCursor | null {
  if (text.length === 0 || text.length > 64 || !/^[A-Za-z0-9_-]+$/.test(text)) {
    return null;
  }
  const match = /^(\d{1,20}):(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const position = Number(match[2]);
  const transactionId = BigInt(match[1]);
  if (!Number.isSafeInteger(position) || position < 1 || transactionId >= 2n ** 64n) {
    return null;
  }
  return { transactionId: transactionId.toString(), position };
}

/** Reading order: negative when `a` comes before `b`. */
export function compareCursors(a: OutboxCursor, b: OutboxCursor): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) {
    return byTransaction < 0n ? -1 : 1;
  }
  return a.position - b.position;
}
