/** Route paths, each under SERVICE_PREFIX. */
export const GRAPHQL_PATH = '/graphql';
export const SERVICE_CONTEXT_PATH = '/v1/service-context';
