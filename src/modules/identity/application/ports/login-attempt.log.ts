import type { FailureHistory } from '../../domain/login-throttle.js';

export interface LoginAttempt {
  readonly email: string;
  /** The client's address, as the server sees it (behind TRUST_PROXY: the forwarded one). */
  readonly address: string;
  readonly at: Date;
}

export interface RecordedAttempt {
  readonly id: string;
  /** Earlier attempts for this email from this address inside the window. */
  readonly account: FailureHistory;
  /** Earlier attempts from this address inside the window, for any email. */
  readonly address: FailureHistory;
}

/**
 * Sign-in attempts, shared by every replica. An attempt is recorded before its password is
 * checked, so concurrent attempts are counted in a strict order; one that succeeds or is
 * refused unchecked is forgotten, so what remains are failures.
 */
export interface LoginAttemptLog {
  record(attempt: LoginAttempt, windowStart: Date): Promise<RecordedAttempt>;
  /** An attempt that was refused unchecked does not count. */
  forget(attemptId: string): Promise<void>;
  /** A successful sign-in clears the failures for its email from its address. */
  clear(email: string, address: string): Promise<void>;
  /** Housekeeping: drops attempts older than `before`; resolves to how many. */
  purgeBefore(before: Date): Promise<number>;
}

export const LOGIN_ATTEMPT_LOG = Symbol('identity.LoginAttemptLog');
