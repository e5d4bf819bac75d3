import { inject, injectable } from 'inversify';
import { Arg, Authorized, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { checkPageSize, pageInfoOf } from '#shared/graphql/relay.js';
import { toUserErrors } from '#shared/graphql/user-error.type.js';
import {
  InferenceModelsQuery,
  type InferenceModelView,
  PredictionQueries,
  PredictSentimentHandler,
} from '../application/index.js';
import { PredictionConnectionType } from './prediction.connection.js';
import { decodePredictionCursor, encodePredictionCursor } from './prediction.cursor.js';
import { PredictSentimentBatchPayload, PredictSentimentPayload } from './prediction.payloads.js';
import { InferenceModelType } from './prediction.type.js';

@injectable()
@Resolver()
export class InferenceResolver {
  constructor(
    @inject(PredictSentimentHandler) private readonly predict: PredictSentimentHandler,
    @inject(PredictionQueries) private readonly history: PredictionQueries,
    @inject(InferenceModelsQuery) private readonly models: InferenceModelsQuery,
  ) {}

  @Authorized()
  @Mutation(() => PredictSentimentPayload, {
    description: 'Scores one text (1–5000 characters) and records it in your history.',
  })
  async predictSentiment(
    @CurrentViewer() viewer: Viewer,
    @Arg('text', () => String) text: string,
  ): Promise<PredictSentimentPayload> {
    const result = await this.predict.execute({
      userId: viewer.userId,
      texts: [text],
      field: 'text',
    });
    return result.ok
      ? { prediction: result.value[0] ?? null, userErrors: [] }
      : { prediction: null, userErrors: toUserErrors(result.error) };
  }

  @Authorized()
  @Mutation(() => PredictSentimentBatchPayload, {
    description: 'Scores 1–1000 texts in one call; errors name the offending index (texts.N).',
  })
  async predictSentimentBatch(
    @CurrentViewer() viewer: Viewer,
    @Arg('texts', () => [String]) texts: string[],
  ): Promise<PredictSentimentBatchPayload> {
    const result = await this.predict.execute({ userId: viewer.userId, texts, field: 'texts' });
    return result.ok
      ? { predictions: result.value, userErrors: [] }
      : { predictions: null, userErrors: toUserErrors(result.error) };
  }

  @Authorized()
  @Query(() => PredictionConnectionType, { description: "The viewer's predictions, newest first." })
  async predictions(
    @CurrentViewer() viewer: Viewer,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PredictionConnectionType> {
    const page = await this.history.page({
      userId: viewer.userId,
      first: checkPageSize(first),
      after: after ? decodePredictionCursor(after) : null,
    });
    const edges = page.items.map((node) => ({ cursor: encodePredictionCursor(node), node }));
    return {
      edges,
      pageInfo: pageInfoOf(edges, page.hasNextPage),
    };
  }

  @Authorized()
  @Query(() => [InferenceModelType], {
    description: 'The models this server scores with, and whether each is ready.',
  })
  inferenceModels(): Promise<InferenceModelView[]> {
    return this.models.list();
  }
}
