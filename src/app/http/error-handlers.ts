import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '#shared/http/rest-error.js';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DatabaseUnavailableError,
} from '#shared/infrastructure/database/database-unavailable.js';
import { GRAPHQL_PATH } from './paths.js';
import { withRequestId } from './request-id.js';

/** Status codes fastify itself raises, as the stable codes clients see. */
const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** 404s and failures outside GraphQL execution, in the shape of the route they hit. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, {
      code: 'NOT_FOUND',
      field: null,
      message: `No route ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: unavailable.cause ?? unavailable }, 'database unavailable');
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      const { code } = unavailable.extensions;
      return isGraphQLRoute(request)
        ? sendGraphQLError(reply, 503, code, unavailable.message, null)
        : sendError(reply, 503, { code, field: null, message: unavailable.message });
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unexpected error in a route');
    }
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : (CODES[status] ?? 'BAD_REQUEST');
    const message = status === 500 ? 'Internal server error' : error.message;
    const limit = (error as { limit?: unknown }).limit;
    return isGraphQLRoute(request)
      ? sendGraphQLError(reply, status, code, message, typeof limit === 'number' ? limit : null)
      : sendError(reply, status, { code, field: null, message });
  });
}

/** The DatabaseUnavailableError behind an error, even wrapped (drizzle's "Failed query"). */
function databaseUnavailable(error: unknown): DatabaseUnavailableError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth += 1) {
    if (current instanceof DatabaseUnavailableError) {
      return current;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function isGraphQLRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.endsWith(GRAPHQL_PATH) ?? false;
}

/** A GraphQL client expects `errors`, even when the body never reached GraphQL. */
function sendGraphQLError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  limit: number | null,
) {
  const extensions = limit === null ? { code } : { code, limit };
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(withRequestId(body, reply.request.id));
}
