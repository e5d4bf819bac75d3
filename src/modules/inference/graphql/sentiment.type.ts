import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { SentimentLabel } from '../application/index.js';

export const SentimentLabelEnum = {
  POSITIVE: SentimentLabel.Positive,
  NEGATIVE: SentimentLabel.Negative,
  NEUTRAL: SentimentLabel.Neutral,
} as const;

registerEnumType(SentimentLabelEnum, {
  name: 'SentimentLabel',
  description: 'From the compound score: NEUTRAL within ±0.05 of zero.',
});

@ObjectType('Sentiment', { description: "A model's reading of one text." })
export class SentimentType {
  @Field(() => SentimentLabelEnum)
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
