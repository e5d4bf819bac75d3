export interface RecordedAttempt {
  readonly id: string;
  /** Earlier attempts for the same email inside the window, most recent first. */
  readonly earlier: readonly Date[];
}

/**
 * Sign-in attempts per email, shared by every replica. An attempt is recorded before its
 * password is checked, so concurrent attempts are counted in a strict order.
 */
export interface LoginAttemptLog {
  record(email: string, at: Date, windowStart: Date, limit: number): Promise<RecordedAttempt>;
  /** An attempt that was refused unchecked does not count against the email. */
  forget(attemptId: string): Promise<void>;
  /** A successful sign-in clears the email's failures. */
  clear(email: string): Promise<void>;
}

export const LOGIN_ATTEMPT_LOG = Symbol('identity.LoginAttemptLog');
