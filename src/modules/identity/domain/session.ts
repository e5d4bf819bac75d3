import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { IdentityErrorCode, identityError } from './identity.errors.js';

export interface SessionLifetimes {
  /** From sign-in: refreshing never extends a session family past this. */
  readonly absoluteMs: number;
  /** A session not refreshed for this long has expired. */
  readonly idleMs: number;
}

export interface SessionProps {
  readonly id: string;
  readonly userId: string;
  /** All sessions descended by rotation from one sign-in share a family. */
  readonly familyId: string;
  /** A hash of the token's secret; the secret itself is never stored. */
  readonly secretHash: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  /** Set when this session was exchanged for its successor. */
  readonly rotatedAt: Date | null;
}

export class Session {
  private constructor(private readonly props: SessionProps) {}

  static start(input: {
    id: string;
    userId: string;
    secretHash: string;
    at: Date;
    lifetimes: SessionLifetimes;
  }): Session {
    return new Session({
      id: input.id,
      userId: input.userId,
      familyId: input.id,
      secretHash: input.secretHash,
      createdAt: input.at,
      lastUsedAt: input.at,
      expiresAt: new Date(input.at.getTime() + input.lifetimes.absoluteMs),
      revokedAt: null,
      rotatedAt: null,
    });
  }

  static restore(props: SessionProps): Session {
    return new Session(props);
  }

  get id() {
    return this.props.id;
  }
  get userId() {
    return this.props.userId;
  }
  get familyId() {
    return this.props.familyId;
  }
  get secretHash() {
    return this.props.secretHash;
  }
  get createdAt() {
    return this.props.createdAt;
  }
  get lastUsedAt() {
    return this.props.lastUsedAt;
  }
  get expiresAt() {
    return this.props.expiresAt;
  }
  get revokedAt() {
    return this.props.revokedAt;
  }
  get rotatedAt() {
    return this.props.rotatedAt;
  }

  /**
   * Whether an access token issued to `userId` from this session still speaks for them:
   * the sign-in has not ended and is within its absolute lifetime. A token from an earlier
   * rotation of the family stays valid until it expires, so rotation does not matter here.
   */
  vouchesFor(userId: string, at: Date): boolean {
    return (
      this.props.revokedAt === null && at < this.props.expiresAt && this.props.userId === userId
    );
  }

  /**
   * Whether the session may be used now. A rotated session presented again means its token
   * was copied: the caller must revoke the family.
   */
  check(at: Date, lifetimes: SessionLifetimes): Result<Session, DomainError> {
    if (this.props.revokedAt) {
      return err(identityError(IdentityErrorCode.SessionRevoked, 'This session has ended.'));
    }
    if (this.props.rotatedAt) {
      return err(
        identityError(
          IdentityErrorCode.SessionReused,
          'This session token was already used. All sessions from that sign-in have ended.',
        ),
      );
    }
    const idleEnd = this.props.lastUsedAt.getTime() + lifetimes.idleMs;
    if (at >= this.props.expiresAt || at.getTime() >= idleEnd) {
      return err(identityError(IdentityErrorCode.SessionExpired, 'This session has expired.'));
    }
    return ok(this);
  }

  /** The successor of this session: same user, same family, same absolute end. */
  successor(input: { id: string; secretHash: string; at: Date }): Session {
    return new Session({
      ...this.props,
      id: input.id,
      secretHash: input.secretHash,
      createdAt: input.at,
      lastUsedAt: input.at,
      revokedAt: null,
      rotatedAt: null,
    });
  }
}
