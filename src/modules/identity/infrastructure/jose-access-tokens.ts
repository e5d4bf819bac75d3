import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '#shared/application/clock.js';
import type {
  AccessClaims,
  AccessTokens,
  IssuedAccessToken,
  VerifiedAccess,
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
/** Verified tokens remembered, oldest forgotten first: about 1 KB each. */
const VERIFIED_CACHE_SIZE = 10_000;

interface Verified {
  readonly claims: AccessClaims;
  /** The token's `exp`, in seconds: checked again on every use. */
  readonly expiresAt: number;
  /** The token's `nbf`, if any, in seconds. */
  readonly notBefore: number | undefined;
}

/**
 * JWTs signed with HS256. Verification pins the algorithm (so `alg: none` or a token
 * signed under another algorithm is refused) and checks issuer, audience and expiry.
 *
 * The HMAC key is imported once. A token that verified is remembered (by its exact text,
 * so nothing else can match it) and only its expiry is checked again when it comes back:
 * clients send the same token for its whole life. Whether its session still stands is the
 * caller's question, asked on every request.
 */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly options: AccessTokenOptions,
    private readonly clock: Clock,
  ) {
    this.key = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(options.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
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
      .sign(await this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string): Promise<VerifiedAccess | null> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      // As jose checks them: expired at `exp`, not valid before `nbf`.
      const current = now < known.expiresAt && (known.notBefore ?? 0) <= now;
      if (!current) {
        this.verified.delete(token);
      }
      return current ? withExpiry(known) : null;
    }
    const claims = await this.check(token);
    if (claims) {
      this.remember(token, claims.verified);
    }
    return claims ? withExpiry(claims.verified) : null;
  }

  private remember(token: string, verified: Verified): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) {
        this.verified.delete(oldest);
      }
    }
    this.verified.set(token, verified);
  }

  private async check(token: string): Promise<{ verified: Verified } | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'sid', 'role'],
      });
      const { sub, sid, role, exp, nbf } = payload;
      if (
        typeof sub !== 'string' ||
        typeof sid !== 'string' ||
        typeof role !== 'string' ||
        typeof exp !== 'number' ||
        !isRole(role)
      ) {
        return null;
      }
      return {
        verified: { claims: { userId: sub, sessionId: sid, role }, expiresAt: exp, notBefore: nbf },
      };
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        return null;
      }
      throw error;
    }
  }
}

function withExpiry(verified: Verified): VerifiedAccess {
  return { ...verified.claims, expiresAt: new Date(verified.expiresAt * 1000) };
}
