import { describe, expect, it } from 'vitest';
import { parseLabelledTexts } from '#cli/labelled-texts.js';
import { evaluate, pearson } from '#modules/inference/domain/evaluation.js';
import { classify } from '#modules/inference/domain/sentiment.js';

const withCompound = (compound: number) =>
  classify({ positive: 0, negative: 0, neutral: 1, compound });

describe('evaluate', () => {
  it('counts agreement on "positive or not" and F1 for the positive class', () => {
    // ratings:   +   +   -   -   +     predictions: P   N   P   N   P
    const metrics = evaluate([2, 1, -1, 0, 3], [0.5, -0.5, 0.3, 0, 0.9].map(withCompound));
    // TP 2, FP 1, FN 1, TN 1
    expect(metrics.examples).toBe(5);
    expect(metrics.accuracy).toBeCloseTo(3 / 5);
    expect(metrics.precision).toBeCloseTo(2 / 3);
    expect(metrics.recall).toBeCloseTo(2 / 3);
    expect(metrics.f1).toBeCloseTo(2 / 3);
  });

  it('treats a rating of 0 and a NEUTRAL label as not positive', () => {
    const metrics = evaluate([0, 0], [withCompound(0), withCompound(-0.01)]);
    expect(metrics.accuracy).toBe(1);
    expect(metrics.precision).toBeNull();
    expect(metrics.recall).toBeNull();
    expect(metrics.f1).toBeNull();
  });

  it('gives F1 0 when every positive prediction is wrong', () => {
    const metrics = evaluate([1, -1], [withCompound(-0.5), withCompound(0.5)]);
    expect([metrics.precision, metrics.recall, metrics.f1]).toEqual([0, 0, 0]);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => evaluate([1], [])).toThrow(RangeError);
    expect(() => evaluate([], [])).toThrow(RangeError);
  });
});

describe('pearson', () => {
  it('is 1 for a perfect line, −1 for an inverted one, and matches a worked example', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    // x: 1..5, y: 2,4,5,4,5 → r = 6 / sqrt(10 × 6) ≈ 0.7746
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7746, 4);
  });

  it('is null when a series does not vary', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [0, 0, 0])).toBeNull();
  });
});

describe('parseLabelledTexts', () => {
  it('reads rating<TAB>text lines, skipping blanks and # comments', () => {
    const content = '# a comment\n2\tGreat day\n\n-1.5\tBad day\r\n0\t  plain  \n';
    expect(parseLabelledTexts(content, 'x.tsv')).toEqual([
      { rating: 2, text: 'Great day' },
      { rating: -1.5, text: 'Bad day' },
      { rating: 0, text: 'plain' },
    ]);
  });

  it.each([
    { content: '1\tok\nno tab here\n', error: 'x.tsv:2: expected "rating<TAB>text"' },
    { content: '# c\nhigh\tok\n', error: 'x.tsv:2: the rating "high" is not a number' },
    { content: '1\t   \n', error: 'x.tsv:1: the text is empty' },
    { content: `1\t${'x'.repeat(5001)}\n`, error: 'x.tsv:1: the text is longer than 5000' },
    { content: '# only comments\n\n', error: 'x.tsv: no examples' },
  ])('names the file and line of a bad line: $error', ({ content, error }) => {
    expect(() => parseLabelledTexts(content, 'x.tsv')).toThrow(error);
  });
});
