import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Container } from 'inversify';
import type { Registry } from 'prom-client';
import { AuthenticateHandler } from '#modules/identity/application/index.js';
import {
  CheckModelCapacityHandler,
  CheckModelReadinessHandler,
  DescribeModelHandler,
  ScoreTextsHandler,
} from '#modules/inference/application/index.js';
import { registerOpenInferenceRoutes } from '#modules/inference/http/index.js';
import {
  GetServiceContextHandler,
  MaintenanceMonitor,
  SetMaintenanceModeHandler,
} from '#modules/operations/application/index.js';
import { registerServiceContextRoutes } from '#modules/operations/http/index.js';
import { EVENT_STREAM, type EventStream } from '#shared/application/event-stream.js';
import { READINESS_CHECK, type ReadinessCheck } from '#shared/application/readiness.js';
import { requireBearer } from '#shared/http/bearer-token.js';
import { TEXT_BODY_LIMIT } from '#shared/http/body-limits.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { METRICS_REGISTRY } from '#shared/infrastructure/metrics-registry.js';
import { contextFactory, loadersFactory } from './context.js';
import { startApollo } from './graphql/apollo.js';
import { registerExplorerAssets } from './graphql/explorer.js';
import { credentialsHook } from './graphql/graphql-credentials.js';
import { graphqlHandler } from './graphql/graphql-route.js';
import {
  attachSubscriptionServer,
  type SubscriptionServer,
} from './graphql/subscription-server.js';
import { registerCors } from './http/cors.js';
import { registerErrorHandlers } from './http/error-handlers.js';
import { registerHealthRoutes } from './http/health.routes.js';
import { registerRequestHooks } from './http/hooks.js';
import { HttpMetrics } from './http/metrics.js';
import { GRAPHQL_PATH } from './http/paths.js';
import { requestIdFor } from './http/request-id.js';
import { registerRequestSpans } from './http/request-spans.js';
import { packageVersion } from './package-version.js';

export interface HttpServerDependencies {
  readonly config: Config;
  readonly container: Container;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly tracer?: Tracer | null;
}

export interface HttpServer {
  readonly http: FastifyInstance;
  /** GraphQL subscriptions over WebSocket, on the GraphQL path. */
  readonly live: SubscriptionServer;
}

/**
 * Fastify with every route mounted under SERVICE_PREFIX: GraphQL (and its subscriptions
 * over WebSocket), health, metrics, ops.
 */
export async function createHttpServer(deps: HttpServerDependencies): Promise<HttpServer> {
  const { config, container, logger } = deps;
  const http = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    genReqId: requestIdFor,
    // request.ip: the connection's address, or behind trusted proxies the forwarded one.
    trustProxy: config.trustProxy,
  });
  const metrics = new HttpMetrics(container.get<Registry>(METRICS_REGISTRY));
  const monitor = container.get(MaintenanceMonitor);
  // First: the request's span is the context every later hook and the handler run in.
  await registerRequestSpans(http, deps.tracer ?? null);
  registerRequestHooks(http, metrics);
  await registerCors(http, config.corsOrigins);
  registerErrorHandlers(http);
  const apollo = await startApollo({ config, schema: deps.schema, logger, monitor, http });

  await http.register(
    async (scope) => {
      scope.route({
        url: GRAPHQL_PATH,
        method: ['GET', 'POST'],
        bodyLimit: TEXT_BODY_LIMIT,
        preParsing: credentialsHook(
          container.get(AuthenticateHandler),
          config.limits.anonymousBodyBytes,
        ),
        handler: graphqlHandler(apollo, contextFactory(container), config.requestTimeoutMs, {
          explorer: config.explorer,
          tracer: deps.tracer ?? null,
        }),
      });
      if (config.explorer !== 'none') {
        registerExplorerAssets(scope, GRAPHQL_PATH);
      }
      registerHealthRoutes(scope, {
        checks: container.getAll<ReadinessCheck>(READINESS_CHECK),
        monitor,
        timeoutMs: config.readinessTimeoutMs,
      });
      registerServiceContextRoutes(scope, {
        opsToken: config.opsToken,
        getServiceContext: container.get(GetServiceContextHandler),
        setMaintenanceMode: container.get(SetMaintenanceModeHandler),
      });
      if (config.inference.serve) {
        await registerOpenInferenceRoutes(scope, {
          token: config.inference.serveToken,
          serverName: 'strata',
          serverVersion: packageVersion,
          describeModel: () => container.get(DescribeModelHandler),
          checkReadiness: () => container.get(CheckModelReadinessHandler),
          checkCapacity: () => container.get(CheckModelCapacityHandler),
          scoreTexts: () => container.get(ScoreTextsHandler),
        });
      }
      scope.route({
        method: 'GET',
        url: '/metrics',
        ...(config.metricsToken
          ? { onRequest: requireBearer(config.metricsToken, 'strata-metrics', 'METRICS_TOKEN') }
          : {}),
        handler: async (_request, reply) => {
          void reply.header('content-type', metrics.registry.contentType);
          return metrics.registry.metrics();
        },
      });
    },
    { prefix: config.servicePrefix },
  );
  const live = attachSubscriptionServer(http, {
    path: `${config.servicePrefix}${GRAPHQL_PATH}`,
    schema: deps.schema,
    authenticate: container.get(AuthenticateHandler),
    events: container.get<EventStream>(EVENT_STREAM),
    monitor,
    createLoaders: loadersFactory(container),
    limits: config.websocket,
    requestLimits: config.limits,
    trustProxy: config.trustProxy,
    hideSchemaDetails: !config.introspection,
    logger,
    registry: metrics.registry,
  });
  return { http, live };
}
