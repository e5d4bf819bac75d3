import type { FastifyReply } from 'fastify';

export interface RestError {
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
}

/** REST routes answer errors in one shape: `{ error: { code, field, message, requestId } }`. */
export function sendError(reply: FastifyReply, status: number, error: RestError) {
  return reply.code(status).send({ error: { ...error, requestId: reply.request.id } });
}
