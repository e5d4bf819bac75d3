import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from '#shared/graphql/node.js';
import type { Sentiment } from '../application/index.js';
import { SentimentType } from './sentiment.type.js';

@ObjectType('Prediction', {
  simpleResolvers: true,
  description: 'A text a user asked about, and how it was scored.',
  implements: NodeInterface,
})
export class PredictionType implements NodeInterface {
  @Field(() => ID, { description: 'A UUID; also fetches it with node(id), for its owner only.' })
  id!: string;

  @Field(() => String, { description: 'The text, exactly as sent.' })
  text!: string;

  @Field(() => SentimentType, { description: 'How the model read it.' })
  sentiment!: Sentiment;

  @Field(() => String, { description: 'The model that scored the text.' })
  model!: string;

  @Field(() => String, { description: 'The version of the model that scored it.' })
  modelVersion!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was asked for.' })
  createdAt!: Date;
}
