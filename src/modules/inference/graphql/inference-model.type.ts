import { Field, Int, ObjectType } from 'type-graphql';
import type { ModelBackend, SentimentLabel } from '../application/index.js';
import { ModelBackendEnum } from './model-backend.enum.js';
import { SentimentLabelEnum } from './sentiment-label.enum.js';

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
