import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '#shared/application/clock.js';
import type {
  AccessClaims,
  AccessTokens,
  IssuedAccessToken,
} from '../application/ports/access-tokens.js';
import { isRole } from '../domain/role.js';

export interface AccessTokenOptions {
  /** At least 32 bytes; HS256 shares it between signing and verifying. */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

const ALGORITHM = 'HS256';

/**
 * JWTs signed with HS256. Verification pins the algorithm (so `alg: none` or a token
 * signed under another algorithm is refused) and checks issuer, audience and expiry.
 */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    private readonly options: AccessTokenOptions,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(options.secret);
  }

  async issue(claims: AccessClaims, at: Date): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(at.getTime() / 1000);
    const expiresAt = issuedAt + this.options.ttlSeconds;
    const token = await new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'sid', 'role'],
      });
      const { sub, sid, role } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string') {
        return null;
      }
      return isRole(role) ? { userId: sub, sessionId: sid, role } : null;
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        return null;
      }
      throw error;
    }
  }
}
