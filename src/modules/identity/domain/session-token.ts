import { isUuid } from '#shared/domain/ids.js';

/** `<session id>.<secret>`: the id finds the session, the secret proves possession. */
export function composeSessionToken(sessionId: string, secret: string): string {
  return `${sessionId}.${secret}`;
}

const SHAPE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43,})$/;

export function parseSessionToken(token: string): { sessionId: string; secret: string } | null {
  const match = SHAPE.exec(token);
  const [, sessionId, secret] = match ?? [];
  return sessionId && secret && isUuid(sessionId) ? { sessionId, secret } : null;
}
