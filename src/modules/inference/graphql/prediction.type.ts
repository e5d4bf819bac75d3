import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ModelBackend, Sentiment, SentimentLabel } from '../application/index.js';
import { SentimentLabelEnum, SentimentType } from './sentiment.type.js';

@ObjectType('Prediction', { description: 'A text a user asked about, and how it was scored.' })
export class PredictionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  text!: string;

  @Field(() => SentimentType)
  sentiment!: Sentiment;

  @Field(() => String, { description: 'The model that scored the text.' })
  model!: string;

  @Field(() => String)
  modelVersion!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const ModelBackendEnum = { LOCAL: 'local', REMOTE: 'remote' } as const;

registerEnumType(ModelBackendEnum, {
  name: 'ModelBackend',
  description: 'LOCAL: in this process. REMOTE: an Open Inference Protocol server.',
});

@ObjectType('InferenceModel')
export class InferenceModelType {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null while a remote model is down.' })
  version!: string | null;

  @Field(() => ModelBackendEnum)
  backend!: ModelBackend;

  @Field(() => [SentimentLabelEnum])
  labels!: readonly SentimentLabel[];

  @Field(() => Int, { nullable: true, description: 'Most texts the model takes per call.' })
  maxBatchSize!: number | null;

  @Field(() => Boolean, { description: 'Whether the model can score texts right now.' })
  ready!: boolean;
}
