import { type Sentiment, SentimentLabel } from './sentiment.js';

/** How well a model's labels agree with human ratings, where a rating > 0 means positive. */
export interface EvaluationMetrics {
  readonly examples: number;
  /** Share of texts where "labelled POSITIVE" matches "rated > 0". */
  readonly accuracy: number;
  /** For the positive class; null when the model never said POSITIVE. */
  readonly precision: number | null;
  /** For the positive class; null when no text is rated positive. */
  readonly recall: number | null;
  /** Harmonic mean of precision and recall; 0 when either is 0, null when either is null. */
  readonly f1: number | null;
  /** Pearson correlation of the compound score with the ratings; null without variance. */
  readonly pearson: number | null;
}

export function evaluate(
  ratings: readonly number[],
  predictions: readonly Sentiment[],
): EvaluationMetrics {
  if (ratings.length !== predictions.length || ratings.length === 0) {
    throw new RangeError('Expected one prediction per rating, and at least one.');
  }
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  let agree = 0;
  for (const [index, rating] of ratings.entries()) {
    const actual = rating > 0;
    const predicted = predictions[index]?.label === SentimentLabel.Positive;
    agree += actual === predicted ? 1 : 0;
    truePositive += actual && predicted ? 1 : 0;
    falsePositive += !actual && predicted ? 1 : 0;
    falseNegative += actual && !predicted ? 1 : 0;
  }
  const precision =
    truePositive + falsePositive > 0 ? truePositive / (truePositive + falsePositive) : null;
  const recall =
    truePositive + falseNegative > 0 ? truePositive / (truePositive + falseNegative) : null;
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return {
    examples: ratings.length,
    accuracy: agree / ratings.length,
    precision,
    recall,
    f1,
    pearson: pearson(
      ratings,
      predictions.map((prediction) => prediction.compound),
    ),
  };
}

/** Pearson's r; null when either series is constant (the correlation is undefined). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) {
    return null;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}
