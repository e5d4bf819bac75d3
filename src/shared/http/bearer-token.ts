import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './rest-error.js';

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearer(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const [scheme, presented] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !presented) {
    return false;
  }
  // Compare digests so the comparison takes the same time whatever the length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * An `onRequest` hook that answers 401 unless the request carries the token, before the
 * body is read: a caller without the token learns nothing more.
 */
export function requireBearer(token: string, realm: string, variable: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (hasBearer(request, token)) {
      return;
    }
    void reply.header('www-authenticate', `Bearer realm="${realm}"`);
    return sendError(reply, 401, {
      code: 'UNAUTHENTICATED',
      field: null,
      message: `This route needs Authorization: Bearer <${variable}>.`,
    });
  };
}
