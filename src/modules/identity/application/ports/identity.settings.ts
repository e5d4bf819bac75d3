import type { ThrottleRule } from '../../domain/login-throttle.js';
import type { SessionLifetimes } from '../../domain/session.js';

export interface IdentitySettings {
  readonly sessions: SessionLifetimes;
  readonly login: {
    /** Failures older than this are forgotten. */
    readonly windowMs: number;
    /** For one email from one address: guessing one account's password. */
    readonly perAccount: ThrottleRule;
    /** For one address, whatever the email: spraying passwords over many accounts. */
    readonly perAddress: ThrottleRule;
  };
}

export const IDENTITY_SETTINGS = Symbol('identity.Settings');
