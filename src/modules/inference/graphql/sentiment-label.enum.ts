import { registerEnumType } from 'type-graphql';
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
