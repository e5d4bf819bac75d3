import { Field, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { PredictionView } from '../application/index.js';
import { PredictionType } from './prediction.type.js';

@ObjectType('PredictSentimentPayload')
export class PredictSentimentPayloadType {
  @Field(() => PredictionType, { nullable: true })
  prediction!: PredictionView | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType('PredictSentimentBatchPayload')
export class PredictSentimentBatchPayloadType {
  @Field(() => [PredictionType], {
    nullable: true,
    description: 'In the order of the texts; null when any text was refused.',
  })
  predictions!: PredictionView[] | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}
