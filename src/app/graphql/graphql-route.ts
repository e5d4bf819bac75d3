import type { ApolloServer, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap as Headers } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLContext } from '#shared/graphql/context.js';
import type { ContextFactory } from '../context.js';
import { withRequestId } from '../http/request-id.js';

/** The GraphQL endpoint: fastify request in, Apollo response out, request id on its errors. */
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
