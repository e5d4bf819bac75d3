import { describe, expect, it } from 'vitest';
import { classify } from '#modules/inference/domain/sentiment.js';

const raw = (compound: number) => ({ compound, positive: 0.3, negative: 0.2, neutral: 0.5 });

describe('classify', () => {
  it('labels a compound of 0.05 or more POSITIVE, with the compound as confidence', () => {
    expect(classify(raw(0.05))).toMatchObject({ label: 'POSITIVE', score: 0.05 });
    expect(classify(raw(0.9))).toMatchObject({ label: 'POSITIVE', score: 0.9 });
  });

  it('labels a compound of -0.05 or less NEGATIVE, with its magnitude as confidence', () => {
    expect(classify(raw(-0.05))).toMatchObject({ label: 'NEGATIVE', score: 0.05 });
    expect(classify(raw(-0.7))).toMatchObject({ label: 'NEGATIVE', score: 0.7 });
  });

  it('labels the band in between NEUTRAL, surest at zero', () => {
    expect(classify(raw(0))).toMatchObject({ label: 'NEUTRAL', score: 1 });
    expect(classify(raw(0.025)).label).toBe('NEUTRAL');
    expect(classify(raw(0.025)).score).toBeCloseTo(0.5);
    expect(classify(raw(-0.049)).label).toBe('NEUTRAL');
  });

  it('keeps the raw proportions and clamps the compound to -1..1', () => {
    expect(classify(raw(1.5))).toMatchObject({
      compound: 1,
      score: 1,
      positive: 0.3,
      negative: 0.2,
      neutral: 0.5,
    });
  });
});
