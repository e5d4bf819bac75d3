import type { FastifyRequest } from 'fastify';
import type { GraphQLContext, RequestLoaders } from '../shared/graphql/context.js';

/** Fresh loaders for every request: a loader's cache must never outlive its request. */
export function createLoaders(): RequestLoaders {
  return {};
}

export function createContext(request: FastifyRequest): GraphQLContext {
  return {
    requestId: request.id,
    viewer: null,
    loaders: createLoaders(),
    trace: request.trace,
  };
}
