import type { PubSub } from 'type-graphql';
import type { LiveRequest, LiveTopic } from '#shared/graphql/live.js';

/**
 * type-graphql's PubSub, as the router from a `@Subscription({ topics })` to the module's
 * LiveTopic (ADR 31). Nothing is published through it: events come from the outbox.
 */
export function livePubSub(topics: () => readonly LiveTopic[]): PubSub {
  let byName: ReadonlyMap<string, LiveTopic> | null = null;
  return {
    publish() {
      throw new Error('Domain events are recorded through EVENT_PUBLISHER, not the schema.');
    },
    subscribe(name, request) {
      byName ??= new Map(topics().map((topic) => [topic.name, topic]));
      const topic = byName.get(name);
      if (!topic) {
        throw new Error(`No live topic is bound for ${name}.`);
      }
      const live = request as LiveRequest;
      // graphql-js awaits what a subscribe resolver returns, so a refusal (a rejection with
      // a coded GraphQLError) reaches the subscriber as the operation's error.
      return topic
        .open(live)
        .then((events) => renewingLoaders(events, live)) as unknown as AsyncIterable<unknown>;
    },
  };
}

/** The events, with fresh loaders for each one's execution. */
function renewingLoaders(
  events: AsyncIterableIterator<unknown>,
  { context }: LiveRequest,
): AsyncIterableIterator<unknown> {
  return {
    async next() {
      const result = await events.next();
      if (!result.done) {
        context.live?.renewLoaders();
      }
      return result;
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
