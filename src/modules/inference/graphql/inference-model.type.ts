import { Field, Int, ObjectType } from 'type-graphql';
import type { ModelBackend, SentimentLabel } from '../application/index.js';
import { ModelBackendEnum } from './model-backend.enum.js';
import { SentimentLabelEnum } from './sentiment-label.enum.js';

@ObjectType('InferenceModel', {
  simpleResolvers: true,
  description: 'A model this server scores texts with.',
})
export class InferenceModelType {
  @Field(() => String, { description: 'Its name, such as vader-sentiment.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null while a remote model is down.' })
  version!: string | null;

  @Field(() => ModelBackendEnum, { description: 'Where it runs.' })
  backend!: ModelBackend;

  @Field(() => [SentimentLabelEnum], { description: 'The labels it gives.' })
  labels!: readonly SentimentLabel[];

  @Field(() => Int, { nullable: true, description: 'Most texts the model takes per call.' })
  maxBatchSize!: number | null;

  @Field(() => Boolean, { description: 'Whether the model can score texts right now.' })
  ready!: boolean;
}
