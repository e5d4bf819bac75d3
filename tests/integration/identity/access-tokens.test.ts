import { base64url, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessClaims } from '#modules/identity/application/ports/access-tokens.js';
import {
  type AccessTokenOptions,
  JoseAccessTokens,
} from '#modules/identity/infrastructure/jose-access-tokens.js';
import { FixedClock } from '../../doubles/fixed-clock.js';

const options: AccessTokenOptions = {
  secret: 'a-test-secret-that-is-long-enough-for-hs256!',
  issuer: 'strata',
  audience: 'strata',
  ttlSeconds: 900,
};

const key = new TextEncoder().encode(options.secret);

const claims: AccessClaims = { userId: 'user-1', role: 'USER', sessionId: 'session-1' };

describe('JoseAccessTokens', () => {
  let clock: FixedClock;
  let tokens: JoseAccessTokens;
  let nowSeconds: number;

  beforeEach(() => {
    clock = new FixedClock();
    tokens = new JoseAccessTokens(options, clock);
    nowSeconds = Math.floor(clock.now().getTime() / 1000);
  });

  /** A token forged with jose: by default exactly what the service would issue. */
  function forge(
    overrides: {
      payload?: JWTPayload;
      alg?: string;
      key?: Uint8Array;
      issuer?: string;
      audience?: string;
    } = {},
  ): Promise<string> {
    return new SignJWT(overrides.payload ?? { role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: overrides.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(overrides.issuer ?? options.issuer)
      .setAudience(overrides.audience ?? options.audience)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + options.ttlSeconds)
      .sign(overrides.key ?? key);
  }

  it('verifies a token it issued to the same claims, and says when it expires', async () => {
    const issued = await tokens.issue(claims, clock.now());
    await expect(tokens.verify(issued.token)).resolves.toEqual({
      ...claims,
      expiresAt: issued.expiresAt,
    });
    // Remembered tokens report the same expiry.
    await expect(tokens.verify(issued.token)).resolves.toEqual({
      ...claims,
      expiresAt: issued.expiresAt,
    });
  });

  it('carries an ADMIN role through issue and verify', async () => {
    const admin: AccessClaims = { ...claims, role: 'ADMIN' };
    const issued = await tokens.issue(admin, clock.now());
    await expect(tokens.verify(issued.token)).resolves.toMatchObject(admin);
  });

  it('reports an expiry of the issue time plus 900 seconds', async () => {
    const at = clock.now();
    const issued = await tokens.issue(claims, at);
    expect(issued.expiresAt).toEqual(new Date(at.getTime() + 900_000));
  });

  it('accepts the control token forged with the right key, issuer and audience', async () => {
    // Guards the forgeries below: each differs from this one in one respect only.
    await expect(tokens.verify(await forge())).resolves.toMatchObject(claims);
  });

  it('still accepts a token one second before it expires', async () => {
    const issued = await tokens.issue(claims, clock.now());
    clock.advance(899_000);
    await expect(tokens.verify(issued.token)).resolves.toMatchObject(claims);
  });

  it('refuses a token once its lifetime has passed', async () => {
    const issued = await tokens.issue(claims, clock.now());
    clock.advance(900_000);
    await expect(tokens.verify(issued.token)).resolves.toBeNull();
    clock.advance(3_600_000);
    await expect(tokens.verify(issued.token)).resolves.toBeNull();
  });

  it('refuses a remembered token once its lifetime has passed, as on first sight', async () => {
    const issued = await tokens.issue(claims, clock.now());
    await expect(tokens.verify(issued.token)).resolves.toMatchObject(claims);
    clock.advance(899_000);
    await expect(tokens.verify(issued.token)).resolves.toMatchObject(claims);
    clock.advance(1_000);
    await expect(tokens.verify(issued.token)).resolves.toBeNull();
  });

  it('remembers only the exact text that verified: an altered copy is checked and refused', async () => {
    const issued = await tokens.issue(claims, clock.now());
    await expect(tokens.verify(issued.token)).resolves.toMatchObject(claims);
    const [header, payload, signature] = issued.token.split('.');
    // The first character: the last one carries padding bits a decoder may ignore.
    const flipped = `${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    await expect(tokens.verify(`${header}.${payload}.${flipped}`)).resolves.toBeNull();
  });

  it('refuses a token from another issuer', async () => {
    await expect(tokens.verify(await forge({ issuer: 'someone-else' }))).resolves.toBeNull();
  });

  it('refuses a token for another audience', async () => {
    await expect(tokens.verify(await forge({ audience: 'another-api' }))).resolves.toBeNull();
  });

  it('refuses a token signed with another key', async () => {
    const otherKey = new TextEncoder().encode('another-secret-that-is-also-long-enough!!');
    await expect(tokens.verify(await forge({ key: otherKey }))).resolves.toBeNull();
  });

  it('refuses an unsecured token with alg none', async () => {
    const token = new UnsecuredJWT({ role: 'ADMIN', sid: claims.sessionId })
      .setSubject(claims.userId)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + options.ttlSeconds)
      .encode();
    expect(token.endsWith('.')).toBe(true);
    await expect(tokens.verify(token)).resolves.toBeNull();
  });

  it('refuses a token signed with the same key under HS512', async () => {
    const token = await forge({ alg: 'HS512' });
    expect(
      JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[0] ?? ''))),
    ).toMatchObject({ alg: 'HS512' });
    await expect(tokens.verify(token)).resolves.toBeNull();
  });

  it('refuses a token whose payload was changed to ADMIN after signing', async () => {
    const issued = await tokens.issue(claims, clock.now());
    const [header, payload, signature] = issued.token.split('.');
    const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? '')));
    expect(decoded.role).toBe('USER');
    const tampered = base64url.encode(JSON.stringify({ ...decoded, role: 'ADMIN' }));
    await expect(tokens.verify(`${header}.${tampered}.${signature}`)).resolves.toBeNull();
  });

  it('refuses a token without a sid claim', async () => {
    await expect(tokens.verify(await forge({ payload: { role: 'USER' } }))).resolves.toBeNull();
  });

  it('refuses a token without a role claim', async () => {
    await expect(
      tokens.verify(await forge({ payload: { sid: claims.sessionId } })),
    ).resolves.toBeNull();
  });

  it.each(['SUPERUSER', 'admin', ''])('refuses a token with the unknown role %j', async (role) => {
    await expect(
      tokens.verify(await forge({ payload: { role, sid: claims.sessionId } })),
    ).resolves.toBeNull();
  });

  it('refuses a token whose sid is not a string', async () => {
    await expect(
      tokens.verify(await forge({ payload: { role: 'USER', sid: 42 } })),
    ).resolves.toBeNull();
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(nowSeconds)
      .sign(key);
    await expect(tokens.verify(token)).resolves.toBeNull();
  });

  it('refuses a token without a subject', async () => {
    const token = await new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + options.ttlSeconds)
      .sign(key);
    await expect(tokens.verify(token)).resolves.toBeNull();
  });

  it.each([
    '',
    'garbage',
    'a.b.c',
    '...',
    'not base64!.at all?.really',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0',
    'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln',
  ])('returns null for the garbage string %j without throwing', async (garbage) => {
    await expect(tokens.verify(garbage)).resolves.toBeNull();
  });
});
