export const SentimentLabel = {
  Positive: 'POSITIVE',
  Negative: 'NEGATIVE',
  Neutral: 'NEUTRAL',
} as const;

export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

/** VADER's usual threshold: compound scores within ±0.05 of zero are neutral. */
const NEUTRAL_BAND = 0.05;

/** A model's raw scores for one text: proportions (0–1) and the normalised compound (−1–1). */
export interface RawScores {
  readonly positive: number;
  readonly negative: number;
  readonly neutral: number;
  readonly compound: number;
}

export interface Sentiment extends RawScores {
  readonly label: SentimentLabel;
  /** Confidence in the label, 0–1. */
  readonly score: number;
}

/**
 * The label from the compound score, and how sure it is: the compound's strength for
 * POSITIVE and NEGATIVE, its closeness to zero within the neutral band for NEUTRAL.
 */
export function classify(raw: RawScores): Sentiment {
  const compound = Math.max(-1, Math.min(1, raw.compound));
  if (compound >= NEUTRAL_BAND) {
    return { ...raw, compound, label: SentimentLabel.Positive, score: compound };
  }
  if (compound <= -NEUTRAL_BAND) {
    return { ...raw, compound, label: SentimentLabel.Negative, score: -compound };
  }
  return {
    ...raw,
    compound,
    label: SentimentLabel.Neutral,
    score: 1 - Math.abs(compound) / NEUTRAL_BAND,
  };
}
