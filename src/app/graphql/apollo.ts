import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { MaintenanceMonitor } from '#modules/operations/application/index.js';
import { maintenancePlugin } from '#modules/operations/graphql/index.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { errorFormatter } from '#shared/graphql/format-error.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { compiledExecution } from './compiled-execution.js';
import { databaseOutagePlugin } from './database-outage.plugin.js';
import { limitRules, requestLimitsPlugin } from './request-limits.js';
import { requestPlugin } from './request-plugin.js';

export interface ApolloDependencies {
  readonly config: Config;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly monitor: MaintenanceMonitor;
  readonly http: FastifyInstance;
}

/** Apollo Server, started, with the cache-control plugin off (it costs ~60 % throughput). */
export async function startApollo(deps: ApolloDependencies): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    // Queries run compiled behind Apollo's executor hook unless turned off (ADR 27).
    ...(deps.config.compiledExecution
      ? { gateway: compiledExecution(deps.schema) }
      : { schema: deps.schema }),
    introspection: deps.config.introspection,
    // Shutdown is the application's (application.ts): Apollo's own SIGTERM handler would
    // stop the server, and with it the listener, at once, before /readyz has drained.
    stopOnTerminationSignals: false,
    // Strata reads no ambient credentials (no cookies, no HTTP auth): a forged cross-site
    // request is anonymous, GET cannot run mutations and POST must be JSON. Apollo's CSRF
    // check would only refuse urql's default GET queries (ADR 23).
    csrfPrevention: false,
    includeStacktraceInErrorResponses: deps.config.nodeEnv === 'development',
    // With introspection off, error messages must not hint at the schema either.
    formatError: errorFormatter({ hideSchemaDetails: !deps.config.introspection }),
    // The parser stops counting at the limit, so an oversized document costs little.
    parseOptions: { maxTokens: deps.config.limits.tokens },
    validationRules: limitRules(deps.config.limits),
    // The limits report at the operation, before any field: a document that breaks one
    // stops validation after a few errors instead of collecting one per repeated node.
    validationOptions: { maxErrors: 10 },
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // The explorer page (Sandbox, or GraphiQL when Sandbox cannot load) is served by the
      // route itself, before Apollo: see explorer.ts.
      ApolloServerPluginLandingPageDisabled(),
      fastifyApolloDrainPlugin(deps.http),
      requestPlugin(deps.logger),
      maintenancePlugin(deps.monitor),
      requestLimitsPlugin(deps.schema, deps.config.limits),
      databaseOutagePlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
