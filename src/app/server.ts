import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Container } from 'inversify';
import {
  GetServiceContextHandler,
  MaintenanceMonitor,
  SetMaintenanceModeHandler,
} from '../modules/operations/application/index.js';
import { READINESS_CHECK, type ReadinessCheck } from '../shared/application/readiness.js';
import type { GraphQLContext, RequestTrace } from '../shared/graphql/context.js';
import { formatError } from '../shared/graphql/format-error.js';
import type { Config } from '../shared/infrastructure/config/config.js';
import type { Logger } from '../shared/infrastructure/logger.js';
import { createContext } from './context.js';
import { maintenancePlugin } from './graphql/maintenance-plugin.js';
import { requestPlugin } from './graphql/request-plugin.js';
import { sendError } from './http/errors.js';
import { registerHealthRoutes } from './http/health.routes.js';
import { HttpMetrics } from './http/metrics.js';
import { REQUEST_ID_HEADER, requestIdFor } from './http/request-id.js';
import { registerServiceContextRoutes } from './http/service-context.routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    trace: RequestTrace;
  }
}

export interface HttpServerDependencies {
  readonly config: Config;
  readonly container: Container;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
}

export const GRAPHQL_PATH = '/graphql';

/** Fastify with every route mounted under SERVICE_PREFIX: GraphQL, health, metrics, ops. */
export async function createHttpServer(deps: HttpServerDependencies): Promise<FastifyInstance> {
  const { config, container, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    disableRequestLogging: true,
    genReqId: requestIdFor,
    requestIdLogLabel: 'requestId',
  });
  const metrics = new HttpMetrics();
  const monitor = container.get(MaintenanceMonitor);

  // Requests still running when shutdown begins end their connection with the response;
  // otherwise a keep-alive socket would hold the shutdown open until the budget runs out.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) {
      void reply.header('connection', 'close');
    }
  });
  app.decorateRequest('trace', null as unknown as RequestTrace);
  app.addHook('onRequest', async (request, reply) => {
    request.trace = { operationName: null };
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    const durationMs = reply.elapsedTime;
    metrics.observe({
      method: request.method,
      route,
      status: reply.statusCode,
      operationName: request.trace.operationName,
      durationSeconds: durationMs / 1000,
    });
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        operationName: request.trace.operationName,
        status: reply.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
      },
      'request completed',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, {
      code: 'NOT_FOUND',
      field: null,
      message: `No route ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unexpected error in a route');
    }
    return sendError(reply, status, {
      code: status === 500 ? 'INTERNAL_SERVER_ERROR' : (error.code ?? 'BAD_REQUEST'),
      field: null,
      message: status === 500 ? 'Internal server error' : error.message,
    });
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema: deps.schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      config.nodeEnv === 'production'
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      fastifyApolloDrainPlugin(app),
      requestPlugin(logger),
      maintenancePlugin(monitor),
    ],
  });
  await apollo.start();

  await app.register(
    async (scope) => {
      scope.route({
        url: GRAPHQL_PATH,
        method: ['GET', 'POST', 'OPTIONS'],
        handler: fastifyApolloHandler(apollo, {
          context: async (request) => createContext(request),
        }),
      });
      registerHealthRoutes(scope, {
        checks: container.getAll<ReadinessCheck>(READINESS_CHECK),
        monitor,
      });
      registerServiceContextRoutes(scope, {
        opsToken: config.opsToken,
        getServiceContext: container.get(GetServiceContextHandler),
        setMaintenanceMode: container.get(SetMaintenanceModeHandler),
      });
      scope.get('/metrics', async (_request, reply) => {
        void reply.header('content-type', metrics.registry.contentType);
        return metrics.registry.metrics();
      });
    },
    { prefix: config.servicePrefix },
  );
  return app;
}
