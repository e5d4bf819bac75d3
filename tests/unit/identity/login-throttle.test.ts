import { describe, expect, it } from 'vitest';
import { waitBeforeNextAttempt } from '#modules/identity/domain/login-throttle.js';

const RULE = { freeFailures: 5, maxDelayMs: 900_000 };
const NOW = new Date('2026-12-01T12:00:00.000Z');
const history = (count: number, msAgo = 0) => ({
  count,
  latest: count === 0 ? null : new Date(NOW.getTime() - msAgo),
});

describe('the wait before the next sign-in attempt', () => {
  it('is nothing for the free failures', () => {
    expect(waitBeforeNextAttempt(history(0), RULE, NOW)).toBe(0);
    expect(waitBeforeNextAttempt(history(4), RULE, NOW)).toBe(0);
  });

  it('doubles with each failure after them, counted from the latest', () => {
    expect([5, 6, 7, 8].map((n) => waitBeforeNextAttempt(history(n), RULE, NOW))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(waitBeforeNextAttempt(history(7, 3_000), RULE, NOW)).toBe(1_000);
    expect(waitBeforeNextAttempt(history(7, 5_000), RULE, NOW)).toBe(0);
  });

  it('never exceeds the longest delay, however many failures', () => {
    expect(waitBeforeNextAttempt(history(40), RULE, NOW)).toBe(900_000);
    expect(waitBeforeNextAttempt(history(10_000), RULE, NOW)).toBe(900_000);
  });
});
