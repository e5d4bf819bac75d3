import { injectable } from 'inversify';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Sentiment } from '#modules/inference/application/index.js';
import { SentimentType } from '#modules/inference/graphql/index.js';
import type { TodoView } from '#modules/todos/application/index.js';
import { TodoType } from '#modules/todos/graphql/index.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { ScoresTexts } from '#shared/graphql/scores-texts.decorator.js';

/**
 * `Todo.sentiment` joins todos and inference. Through the per-request loader a page of
 * todos costs one cache read and at most one model call; when the model is down, this
 * field alone is null with an INFERENCE_UNAVAILABLE error and the page still renders.
 */
@injectable()
@Resolver(() => TodoType)
export class TodoSentimentResolver {
  @ScoresTexts()
  @FieldResolver(() => SentimentType, {
    nullable: true,
    description: 'The sentiment of the content; null with an error if the model is down.',
  })
  sentiment(@Root() todo: TodoView, @Ctx() context: GraphQLContext): Promise<Sentiment> {
    return context.loaders.sentiments.load(todo.content);
  }
}
