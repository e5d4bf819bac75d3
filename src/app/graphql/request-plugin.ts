import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { isExpectedError } from '#shared/graphql/format-error.js';
import type { Logger } from '#shared/infrastructure/logger.js';

/**
 * Ties each GraphQL request to its HTTP request: records the operation name for the access
 * log, and logs unexpected errors whole with the request id (clients only see them masked).
 * Cancellation is checked where work starts (statements, model calls), not per field: a
 * `willResolveField` hook makes Apollo wrap every field of the schema.
 */
export function requestPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      contextValue.trace.operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operationName, operation }) {
          contextValue.trace.operationName = operationName ?? null;
          if (operation) {
            contextValue.trace.operationType = operation.operation;
          }
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
