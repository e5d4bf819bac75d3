import type { SubscribeResolverData } from 'type-graphql';
import type { GraphQLContext } from './context.js';

/** What a subscription's source is opened with: the field's arguments and the subscriber. */
export interface LiveRequest {
  readonly args: Readonly<Record<string, unknown>>;
  readonly context: GraphQLContext;
}

/**
 * The source of a subscription field, provided by its module (multi-bound as LIVE_TOPIC)
 * and named in `@Subscription({ topics })`. `open` resolves to the events to send; it
 * rejects with a coded GraphQLError to refuse, which the subscriber receives as the
 * operation's error (ADR 31).
 */
export interface LiveTopic {
  readonly name: string;
  open(request: LiveRequest): Promise<AsyncIterableIterator<unknown>>;
}

export const LIVE_TOPIC = Symbol('graphql.LiveTopic');

/** `@Subscription({ topicId })`: passes the arguments and context on to the topic. */
export const liveRequest = ({
  args,
  context,
}: SubscribeResolverData<unknown, Record<string, unknown>, GraphQLContext>): LiveRequest => ({
  args,
  context,
});
