import type { ApolloServer, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap as Headers } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLContext } from '#shared/graphql/context.js';
import type { ContextFactory } from '../context.js';

/**
 * The GraphQL endpoint: fastify request in, Apollo response out. Errors Apollo raises
 * before an operation starts (CSRF, a missing query) get the request id here; the others
 * get it from the request plugin.
 */
export function graphqlHandler(
  apollo: ApolloServer<GraphQLContext>,
  createContext: ContextFactory,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: toGraphQLRequest(request),
      context: () => createContext(request),
    });
    for (const [name, value] of response.headers) {
      void reply.header(name, value);
    }
    void reply.code(response.status ?? 200);
    if (response.body.kind === 'chunked') {
      return reply.send(response.body.asyncIterator);
    }
    const status = response.status ?? 200;
    return status >= 400 ? withRequestId(response.body.string, request.id) : response.body.string;
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

function withRequestId(body: string, requestId: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    if (!parsed.errors) {
      return body;
    }
    for (const error of parsed.errors) {
      error.extensions = { ...error.extensions, requestId };
    }
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}
