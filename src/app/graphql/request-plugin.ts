import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { isExpectedError } from '#shared/graphql/format-error.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { throwIfCancelled } from '#shared/infrastructure/request-cancellation.js';

/**
 * Ties each GraphQL request to its HTTP request: records the operation name for the access
 * log, stops resolving once the request is cancelled, and logs unexpected errors whole with
 * the request id (clients only see them masked).
 */
export function requestPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      contextValue.trace.operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operationName }) {
          contextValue.trace.operationName = operationName ?? null;
        },
        async executionDidStart() {
          return {
            // A cancelled request (client gone, deadline passed) starts no further resolver.
            willResolveField: throwIfCancelled,
          };
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!isExpectedError(error)) {
              logger.error(
                {
                  err: unwrapResolverError(error),
                  requestId: contextValue.requestId,
                  path: error.path,
                },
                'unexpected error in a GraphQL operation',
              );
            }
          }
        },
      };
    },
  };
}
