/** The benchmark's requests, shared by the raw endpoint and `npm run bench:http`. */
export const QUERIES = {
  todos:
    'query Page($first: Int) { todos(first: $first) { totalCount edges { cursor node { id content tags completed createdAt version owner { id displayName } } } pageInfo { hasNextPage endCursor } } }',
  serviceContext: '{ serviceContext { version } }',
};
