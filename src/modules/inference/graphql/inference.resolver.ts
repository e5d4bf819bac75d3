import { inject, injectable } from 'inversify';
import { Arg, Authorized, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import { mapResult } from '#shared/domain/result.js';
import { checkPageSize, connectionOf, PAGE_SIZE_ARG } from '#shared/graphql/connection.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { timeKeysetCursor } from '#shared/graphql/cursor.js';
import { payloadOf } from '#shared/graphql/payload.js';
import { ScoresTexts } from '#shared/graphql/scores-texts.decorator.js';
import {
  BATCH_MAX,
  type InferenceModelView,
  ListInferenceModelsHandler,
  ListPredictionsHandler,
  type PredictionView,
  PredictSentimentHandler,
} from '../application/index.js';
import { InferenceModelType } from './inference-model.type.js';
import { PredictionConnectionType } from './prediction.connection.js';
import {
  PredictSentimentBatchPayloadType,
  PredictSentimentPayloadType,
} from './prediction.payloads.js';

const predictionCursor = timeKeysetCursor('predictions', 'at');

@injectable()
@Resolver()
export class InferenceResolver {
  constructor(
    @inject(PredictSentimentHandler) private readonly predict: PredictSentimentHandler,
    @inject(ListPredictionsHandler) private readonly listPredictions: ListPredictionsHandler,
    @inject(ListInferenceModelsHandler) private readonly listModels: ListInferenceModelsHandler,
  ) {}

  @Authorized()
  @ScoresTexts()
  @Mutation(() => PredictSentimentPayloadType, {
    description: 'Scores one text (1–5000 characters) and records it in your history.',
  })
  async predictSentiment(
    @CurrentViewer() viewer: Viewer,
    @Arg('text', () => String, { description: '1 to 5000 characters, valid Unicode.' })
    text: string,
  ) {
    const result = await this.predict.execute({
      userId: viewer.userId,
      texts: [text],
      field: 'text',
    });
    return payloadOf(
      'prediction',
      mapResult(result, ([prediction]) => prediction ?? null),
    );
  }

  @Authorized()
  @ScoresTexts({ argument: 'texts', atMost: BATCH_MAX })
  @Mutation(() => PredictSentimentBatchPayloadType, {
    description: 'Scores 1–1000 texts in one call; errors name the offending index (texts.N).',
  })
  async predictSentimentBatch(
    @CurrentViewer() viewer: Viewer,
    @Arg('texts', () => [String], {
      description: '1 to 1000 texts of 1 to 5000 characters; a request may score 1000 in all.',
    })
    texts: string[],
  ) {
    const result = await this.predict.execute({ userId: viewer.userId, texts, field: 'texts' });
    return payloadOf('predictions', result);
  }

  @Authorized()
  @Query(() => PredictionConnectionType, { description: "The viewer's predictions, newest first." })
  async predictions(
    @CurrentViewer() viewer: Viewer,
    @Arg('first', () => Int, PAGE_SIZE_ARG)
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'An endCursor of this list.' })
    after: string | null,
  ): Promise<PredictionConnectionType> {
    const page = await this.listPredictions.execute({
      userId: viewer.userId,
      first: checkPageSize(first),
      after: after ? predictionCursor.decode(after) : null,
    });
    const connection = connectionOf(page, (node: PredictionView) => ({
      cursor: predictionCursor.encode(node),
      node,
    }));
    return { ...connection, totalCount: page.totalCount };
  }

  @Authorized()
  @Query(() => [InferenceModelType], {
    description: 'The models this server scores with, and whether each is ready.',
  })
  inferenceModels(): Promise<InferenceModelView[]> {
    return this.listModels.execute();
  }
}
