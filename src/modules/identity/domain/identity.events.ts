/**
 * Sign-ins ended before their time: one (its whole rotation family) or, with `familyId`
 * null, every one of the user's. Live connections holding their access tokens end too.
 */
export interface SessionsRevoked {
  readonly type: 'SessionsRevoked';
  readonly userId: string;
  readonly familyId: string | null;
  readonly at: Date;
}

export const SESSIONS_REVOKED = 'SessionsRevoked';
