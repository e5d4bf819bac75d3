import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '#shared/infrastructure/database/database-unavailable.js';

const UNAVAILABLE = 'DATABASE_UNAVAILABLE';

/**
 * A request that failed whole because the database was out of reach answers HTTP 503 with
 * `Retry-After`, so proxies, load balancers and client retry policies see an outage rather
 * than a 200. A response that still carries data stays 200, its errors at their paths.
 */
export function databaseOutagePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            return;
          }
          const { data, errors } = response.body.singleResult;
          const failedWhole =
            errors !== undefined &&
            errors.length > 0 &&
            errors.every((error) => error.extensions?.code === UNAVAILABLE) &&
            !Object.values(data ?? {}).some((value) => value !== null);
          if (failedWhole) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
