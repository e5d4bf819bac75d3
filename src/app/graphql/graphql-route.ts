import type { ApolloServer, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap as Headers } from '@apollo/server';
import type { Tracer } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestCancelled } from '#shared/application/cancellation.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import type { ExplorerMode } from '#shared/infrastructure/config/config.js';
import type { ContextFactory } from '../context.js';
import { withRequestId } from '../http/request-id.js';
import { endpointPage, isBrowserNavigation } from './endpoint-page.js';
import { EXPLORER_ASSETS, explorerPage } from './explorer.js';
import { inOperationSpan } from './operation-span.js';

/**
 * The GraphQL endpoint: fastify request in, Apollo response out, request id on its errors.
 * A request still running at `deadlineMs` is answered 503 REQUEST_TIMEOUT at once and
 * cancelled: what it has not started yet (resolvers, statements, model calls) never starts.
 */
export function graphqlHandler(
  apollo: ApolloServer<GraphQLContext>,
  createContext: ContextFactory,
  deadlineMs: number,
  options: { readonly explorer: ExplorerMode; readonly tracer?: Tracer | null },
) {
  const tracer = options.tracer ?? null;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isBrowserNavigation(request)) {
      const path = request.url.split('?')[0] ?? '';
      const page =
        options.explorer === 'none'
          ? endpointPage(`${request.protocol}://${request.host}${path}`)
          : explorerPage(options.explorer, `${path.replace(/\/$/, '')}${EXPLORER_ASSETS}`);
      return reply.type('text/html; charset=utf-8').send(page);
    }
    const { cancellation } = request;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        cancellation.abort(new RequestCancelled('deadline', deadlineMs));
        resolve(null);
      }, deadlineMs);
    });
    const run = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: toGraphQLRequest(request),
        context: () => createContext(request),
      });
    const execution = tracer ? inOperationSpan(tracer, request.trace, run) : run();
    const response = await Promise.race([execution, deadline]).finally(() => clearTimeout(timer));
    if (!response) {
      // The abandoned execution settles by itself once its pending work returns.
      execution.catch((error: unknown) => request.log.error({ err: error }, 'after deadline'));
      const { message, extensions } = cancellation.signal.reason as RequestCancelled;
      void reply.code(503).type('application/json; charset=utf-8');
      return withRequestId(JSON.stringify({ errors: [{ message, extensions }] }), request.id);
    }
    for (const [name, value] of response.headers) {
      void reply.header(name, value);
    }
    void reply.code(response.status ?? 200);
    if (response.body.kind === 'chunked') {
      return reply.send(response.body.asyncIterator);
    }
    return withRequestId(response.body.string, request.id);
  };
}

function toGraphQLRequest(request: FastifyRequest): HTTPGraphQLRequest {
  const headers: HeaderMap = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  return {
    method: request.method.toUpperCase(),
    headers,
    search: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
    body: request.body,
  };
}
