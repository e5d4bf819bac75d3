import type { Role } from '../../domain/role.js';

export interface AccessClaims {
  readonly userId: string;
  readonly role: Role;
  readonly sessionId: string;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface AccessTokens {
  issue(claims: AccessClaims, at: Date): Promise<IssuedAccessToken>;
  /** The claims of a genuine, unexpired token; null for anything else. */
  verify(token: string): Promise<AccessClaims | null>;
}

export const ACCESS_TOKENS = Symbol('identity.AccessTokens');
