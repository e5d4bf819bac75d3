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
  valuesConfig: {
    POSITIVE: { description: 'Compound score at or above 0.05.' },
    NEGATIVE: { description: 'Compound score at or below −0.05.' },
    NEUTRAL: { description: 'Compound score between −0.05 and 0.05.' },
  },
});
