import type { SessionLifetimes } from '../../domain/session.js';

export interface IdentitySettings {
  readonly sessions: SessionLifetimes;
  readonly login: {
    /** Failed attempts per email inside the window before further ones are refused. */
    readonly maxFailures: number;
    readonly windowMs: number;
  };
}

export const IDENTITY_SETTINGS = Symbol('identity.Settings');
