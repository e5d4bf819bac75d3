import { Field, Float, ObjectType } from 'type-graphql';
import type { SentimentLabel } from '../application/index.js';
import { SentimentLabelEnum } from './sentiment-label.enum.js';

@ObjectType('Sentiment', {
  simpleResolvers: true,
  description: "A model's reading of one text.",
})
export class SentimentType {
  @Field(() => SentimentLabelEnum, { description: 'POSITIVE, NEGATIVE or NEUTRAL.' })
  label!: SentimentLabel;

  @Field(() => Float, { description: 'Confidence in the label, 0–1.' })
  score!: number;

  @Field(() => Float, { description: 'Share of the text that reads positive, 0–1.' })
  positive!: number;

  @Field(() => Float, { description: 'Share of the text that reads negative, 0–1.' })
  negative!: number;

  @Field(() => Float, { description: 'Share of the text that reads neutral, 0–1.' })
  neutral!: number;

  @Field(() => Float, { description: 'Overall polarity, −1 (most negative) to 1.' })
  compound!: number;
}
