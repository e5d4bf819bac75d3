/** Failed sign-ins counted for one key (an account at an address, or an address). */
export interface FailureHistory {
  /** Failures inside the window. */
  readonly count: number;
  /** The most recent of them, if any. */
  readonly latest: Date | null;
}

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  readonly freeFailures: number;
  /** The longest wait; the first is 1 s, and each failure after doubles it. */
  readonly maxDelayMs: number;
}

/**
 * How long a key must wait before its next sign-in attempt is checked: nothing for its
 * first free failures, then 1 s after the latest, 2 s, 4 s… up to the rule's longest wait.
 * A delay, never a lockout: the owner of an account, signing in from elsewhere, is not
 * held by what an attacker's address did.
 */
export function waitBeforeNextAttempt(
  history: FailureHistory,
  rule: ThrottleRule,
  now: Date,
): number {
  if (history.count < rule.freeFailures || !history.latest) {
    return 0;
  }
  const exponent = Math.min(30, history.count - rule.freeFailures);
  const delay = Math.min(rule.maxDelayMs, 1000 * 2 ** exponent);
  return Math.max(0, history.latest.getTime() + delay - now.getTime());
}
