import {
  GraphQLInterfaceType,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import type { Container } from 'inversify';
import { buildSchema } from 'type-graphql';
import { identityResolvers } from '#modules/identity/graphql/index.js';
import { inferenceResolvers } from '#modules/inference/graphql/index.js';
import { operationsResolvers } from '#modules/operations/graphql/index.js';
import { todosResolvers } from '#modules/todos/graphql/index.js';
import { authChecker } from '#shared/graphql/auth-checker.js';
import { LIVE_TOPIC, type LiveTopic } from '#shared/graphql/live.js';
import { resolveNodeType } from '#shared/graphql/node.js';
import { livePubSub } from './graphql/live-pubsub.js';
import { NodeResolver } from './graphql/node.resolver.js';
import { TodoOwnerResolver } from './graphql/todo-owner.resolver.js';
import { TodoSentimentResolver } from './graphql/todo-sentiment.resolver.js';

const resolvers = [
  ...operationsResolvers,
  ...identityResolvers,
  ...todosResolvers,
  ...inferenceResolvers,
  NodeResolver,
  TodoOwnerResolver,
  TodoSentimentResolver,
] as const;

/**
 * The schema over every module's resolvers. Without a container it can still be built
 * and printed (schema emission), but not executed.
 */
export async function buildGraphQLSchema(container?: Container): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    validate: false,
    authChecker,
    // Without a container (schema emission) nothing subscribes.
    pubSub: livePubSub(() => container?.getAll<LiveTopic>(LIVE_TOPIC) ?? []),
    ...(container ? { container: { get: (resolverClass) => container.get(resolverClass) } } : {}),
  });
  // type-graphql wraps resolveType in an async function; compiled execution (graphql-jit)
  // needs the type at once, and a node carries its type name (asNode).
  const node = schema.getType('Node');
  if (node instanceof GraphQLInterfaceType) {
    node.resolveType = resolveNodeType;
  }
  // type-graphql gives the root types no description of their own.
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) {
    query.description =
      'What can be read. Most fields need `Authorization: Bearer <accessToken>` (UNAUTHENTICATED otherwise).';
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      'What can be followed live, over WebSocket on the same path (graphql-ws protocol). Authenticate in connection_init: `{ "Authorization": "Bearer <accessToken>" }`.';
  }
  if (mutation) {
    mutation.description =
      'What can be changed. Expected failures come back as userErrors in each payload, not as errors.';
  }
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function renderSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
