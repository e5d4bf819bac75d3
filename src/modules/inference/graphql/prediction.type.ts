import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import type { Sentiment } from '../application/index.js';
import { SentimentType } from './sentiment.type.js';

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
