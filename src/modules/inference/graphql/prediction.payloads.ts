import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { PredictionView } from '../application/index.js';
import { PredictionType } from './prediction.type.js';

@ObjectType('PredictSentimentPayload', {
  simpleResolvers: true,
  description: 'The outcome of predictSentiment. Errors: INVALID_TEXT, INFERENCE_UNAVAILABLE.',
})
export class PredictSentimentPayloadType {
  @Field(() => PredictionType, {
    nullable: true,
    description: 'The prediction; null if it failed.',
  })
  prediction!: PredictionView | null;

  @Field(() => [UserErrorType], { description: 'Why it failed; empty on success.' })
  userErrors!: UserErrorType[];
}

@ObjectType('PredictSentimentBatchPayload', {
  simpleResolvers: true,
  description:
    'The outcome of predictSentimentBatch. Errors: INVALID_BATCH, INVALID_TEXT (field texts.N), INFERENCE_UNAVAILABLE.',
})
export class PredictSentimentBatchPayloadType {
  @Field(() => [PredictionType], {
    nullable: true,
    description: 'In the order of the texts; null when any text was refused.',
  })
  predictions!: PredictionView[] | null;

  @Field(() => [UserErrorType], {
    description: 'Why it failed, one per refused text; empty on success.',
  })
  userErrors!: UserErrorType[];
}
