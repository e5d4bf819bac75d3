/** The GraphQL endpoint's path, under SERVICE_PREFIX. */
export const GRAPHQL_PATH = '/graphql';
