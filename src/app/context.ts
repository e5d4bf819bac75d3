import type { FastifyRequest } from 'fastify';
import type { Container } from 'inversify';
import {
  AuthenticateHandler,
  GetUsersByIdsHandler,
  type UserView,
} from '#modules/identity/application/index.js';
import { createIdentityLoaders } from '#modules/identity/graphql/index.js';
import {
  GetPredictionsByIdsHandler,
  SentimentOfTextsHandler,
} from '#modules/inference/application/index.js';
import { createInferenceLoaders } from '#modules/inference/graphql/index.js';
import { GetTodosByIdsHandler } from '#modules/todos/application/index.js';
import { createTodosLoaders } from '#modules/todos/graphql/index.js';
import type { Viewer } from '#shared/application/viewer.js';
import type { GraphQLContext, RequestLoaders } from '#shared/graphql/context.js';
import { resolveViewer } from './graphql/graphql-credentials.js';

export type ContextFactory = (request: FastifyRequest) => Promise<GraphQLContext>;

export type LoadersFactory = (viewer: Viewer | null, viewerUser: UserView | null) => RequestLoaders;

/** Every module's loaders, made fresh for one request (or one subscription event). */
export function loadersFactory(container: Container): LoadersFactory {
  const usersByIds = container.get(GetUsersByIdsHandler);
  const todosByIds = container.get(GetTodosByIdsHandler);
  const sentimentOfTexts = () => container.get(SentimentOfTextsHandler);
  const predictionsByIds = () => container.get(GetPredictionsByIdsHandler);
  return (viewer: Viewer | null, viewerUser: UserView | null): RequestLoaders => ({
    ...createIdentityLoaders(usersByIds, viewerUser),
    ...createTodosLoaders(todosByIds, viewer?.userId ?? null),
    ...createInferenceLoaders(sentimentOfTexts, predictionsByIds, viewer?.userId ?? null),
  });
}

/**
 * Builds each request's context: the viewer resolved once from the bearer token, and
 * loaders made fresh, because a loader's cache must never outlive its request.
 */
export function contextFactory(container: Container): ContextFactory {
  const authenticate = container.get(AuthenticateHandler);
  const createLoaders = loadersFactory(container);

  return async (request) => {
    const credentials =
      request.credentials ?? (await resolveViewer(request.headers.authorization, authenticate));
    return {
      requestId: request.id,
      clientAddress: request.ip,
      viewer: credentials.viewer,
      credentialsProblem: credentials.problem,
      provenUserIds: new Set(),
      loaders: createLoaders(credentials.viewer, credentials.user),
      trace: request.trace,
    };
  };
}
