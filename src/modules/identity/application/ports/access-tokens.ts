import type { Role } from '../../domain/role.js';

export interface AccessClaims {
  readonly userId: string;
  readonly role: Role;
  readonly sessionId: string;
}

/** The claims of a token that verified, and when it stops being valid. */
export interface VerifiedAccess extends AccessClaims {
  readonly expiresAt: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface AccessTokens {
  issue(claims: AccessClaims, at: Date): Promise<IssuedAccessToken>;
  /** The claims of a genuine, unexpired token; null for anything else. */
  verify(token: string): Promise<VerifiedAccess | null>;
}

export const ACCESS_TOKENS = Symbol('identity.AccessTokens');
