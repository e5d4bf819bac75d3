import { describe, expect, it } from 'vitest';
import { DisplayName } from '#modules/identity/domain/display-name.js';
import { Email } from '#modules/identity/domain/email.js';
import {
  checkPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
} from '#modules/identity/domain/password-policy.js';
import { Role } from '#modules/identity/domain/role.js';
import {
  Session,
  type SessionLifetimes,
  type SessionProps,
} from '#modules/identity/domain/session.js';
import { User } from '#modules/identity/domain/user.js';
import { EMOJI, errorOf, successOf } from '../../support/results.js';

/** Everything a session exposes, as the props it was made from. */
const stateOf = (session: Session): SessionProps => ({
  id: session.id,
  userId: session.userId,
  familyId: session.familyId,
  secretHash: session.secretHash,
  createdAt: session.createdAt,
  lastUsedAt: session.lastUsedAt,
  expiresAt: session.expiresAt,
  revokedAt: session.revokedAt,
  rotatedAt: session.rotatedAt,
});

describe('Email', () => {
  it('trims and lower-cases the address so one mailbox is one account', () => {
    expect(successOf(Email.parse(' Ada@Example.COM ')).value).toBe('ada@example.com');
  });

  it('accepts an address of exactly 254 characters', () => {
    const raw = `${'a'.repeat(254 - '@example.com'.length)}@example.com`;
    expect(raw).toHaveLength(254);
    expect(successOf(Email.parse(raw)).value).toBe(raw);
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', '   '],
    ['an address without @', 'ada.example.com'],
    ['an address with a space inside', 'ada lovelace@example.com'],
    ['an address with a space in the domain', 'ada@exam ple.com'],
    ['an address whose domain has no dot', 'ada@example'],
    ['an address of 255 characters', `${'a'.repeat(255 - '@example.com'.length)}@example.com`],
  ])('rejects %s as INVALID_EMAIL on the email field', (_label, raw) => {
    const error = errorOf(Email.parse(raw));
    expect(error.code).toBe('INVALID_EMAIL');
    expect(error.field).toBe('email');
  });
});

describe('DisplayName', () => {
  it('trims surrounding whitespace', () => {
    expect(successOf(DisplayName.parse('  Ada Lovelace \t')).value).toBe('Ada Lovelace');
  });

  it('accepts a single character', () => {
    expect(successOf(DisplayName.parse('A')).value).toBe('A');
  });

  it('accepts 80 characters and rejects 81', () => {
    expect(successOf(DisplayName.parse('a'.repeat(80))).value).toBe('a'.repeat(80));
    expect(errorOf(DisplayName.parse('a'.repeat(81))).code).toBe('INVALID_DISPLAY_NAME');
  });

  it('counts code points, so a name of 80 emoji is accepted', () => {
    const name = EMOJI.repeat(80);
    expect(name).toHaveLength(160);
    expect(successOf(DisplayName.parse(name)).value).toBe(name);
  });

  it('rejects a name of 81 emoji', () => {
    const error = errorOf(DisplayName.parse(EMOJI.repeat(81)));
    expect(error.code).toBe('INVALID_DISPLAY_NAME');
    expect(error.field).toBe('displayName');
  });

  it('does not count surrounding whitespace toward the limit', () => {
    const name = 'a'.repeat(80);
    expect(successOf(DisplayName.parse(`  ${name}  `)).value).toBe(name);
  });

  it.each([
    ['an empty name', ''],
    ['a whitespace-only name', ' \t\n '],
  ])('rejects %s as INVALID_DISPLAY_NAME on the displayName field', (_label, raw) => {
    const error = errorOf(DisplayName.parse(raw));
    expect(error.code).toBe('INVALID_DISPLAY_NAME');
    expect(error.field).toBe('displayName');
  });
});

describe('checkPassword', () => {
  it('sets the limits at 12 and 128 characters', () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(128);
  });

  it('rejects 11 characters as PASSWORD_TOO_SHORT on the password field', () => {
    const error = errorOf(checkPassword('a'.repeat(11)));
    expect(error.code).toBe('PASSWORD_TOO_SHORT');
    expect(error.field).toBe('password');
  });

  it('accepts 12 characters and returns the password unchanged', () => {
    expect(successOf(checkPassword('abcdefghijkl'))).toBe('abcdefghijkl');
  });

  it('accepts 128 characters', () => {
    const password = 'x'.repeat(128);
    expect(successOf(checkPassword(password))).toBe(password);
  });

  it('rejects 129 characters as PASSWORD_TOO_LONG on the password field', () => {
    const error = errorOf(checkPassword('x'.repeat(129)));
    expect(error.code).toBe('PASSWORD_TOO_LONG');
    expect(error.field).toBe('password');
  });

  it('rejects half of a surrogate pair as INVALID_PASSWORD: it would hash like any other', () => {
    for (const broken of [
      'a long password \ud800',
      'a long \udc00 password',
      '\udbff\ud800 twelve chars',
    ]) {
      const error = errorOf(checkPassword(broken));
      expect(error.code).toBe('INVALID_PASSWORD');
      expect(error.field).toBe('password');
    }
    expect(successOf(checkPassword(`a long password ${EMOJI}`))).toBe(`a long password ${EMOJI}`);
  });

  it('counts code points, so 12 emoji are enough', () => {
    const password = EMOJI.repeat(12);
    expect(successOf(checkPassword(password))).toBe(password);
  });

  it('counts code points, so 11 emoji are too short even though they are 22 code units', () => {
    expect(errorOf(checkPassword(EMOJI.repeat(11))).code).toBe('PASSWORD_TOO_SHORT');
  });

  it('counts code points, so 128 emoji are allowed and 129 are too long', () => {
    const longest = EMOJI.repeat(128);
    expect(successOf(checkPassword(longest))).toBe(longest);
    expect(errorOf(checkPassword(EMOJI.repeat(129))).code).toBe('PASSWORD_TOO_LONG');
  });

  it.each([
    ['a single repeated letter', 'aaaaaaaaaaaa'],
    ['only digits', '123456789012'],
    ['spaces and punctuation', '  !! ?? ..  '],
    ['mixed scripts', 'pässwörd日本語!'],
  ])('imposes no composition rules: accepts %s', (_label, password) => {
    expect(successOf(checkPassword(password))).toBe(password);
  });

  it('reports the field name it is given', () => {
    expect(errorOf(checkPassword('short', 'newPassword')).field).toBe('newPassword');
  });
});

describe('Session', () => {
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;
  const lifetimes: SessionLifetimes = { absoluteMs: 30 * DAY, idleMs: 7 * DAY };
  const at = new Date('2026-01-15T09:30:00.000Z');
  const later = (ms: number) => new Date(at.getTime() + ms);

  const start = () =>
    Session.start({ id: 'session-1', userId: 'user-1', secretHash: 'hash-1', at, lifetimes });

  const restored = (overrides: Partial<SessionProps>) =>
    Session.restore({ ...stateOf(start()), ...overrides });

  it('starts a family of its own, expiring after the absolute lifetime', () => {
    const session = start();
    expect(stateOf(session)).toEqual({
      id: 'session-1',
      userId: 'user-1',
      familyId: 'session-1',
      secretHash: 'hash-1',
      createdAt: at,
      lastUsedAt: at,
      expiresAt: later(30 * DAY),
      revokedAt: null,
      rotatedAt: null,
    });
    expect(session.id).toBe('session-1');
    expect(session.userId).toBe('user-1');
    expect(session.familyId).toBe('session-1');
  });

  it('may be used while fresh', () => {
    const session = start();
    expect(successOf(session.check(at, lifetimes))).toBe(session);
    expect(successOf(session.check(later(7 * DAY - 1), lifetimes))).toBe(session);
  });

  it('expires once it has been idle for the idle timeout', () => {
    const error = errorOf(start().check(later(7 * DAY), lifetimes));
    expect(error.code).toBe('SESSION_EXPIRED');
  });

  it('measures idleness from when it was last used, not from when it was created', () => {
    const session = restored({ lastUsedAt: later(10 * DAY) });
    expect(session.check(later(16 * DAY), lifetimes).ok).toBe(true);
    expect(errorOf(session.check(later(17 * DAY), lifetimes)).code).toBe('SESSION_EXPIRED');
  });

  it('expires at its absolute end even if it was used a moment ago', () => {
    const session = restored({ lastUsedAt: later(30 * DAY - MINUTE) });
    expect(session.check(later(30 * DAY - 1), lifetimes).ok).toBe(true);
    expect(errorOf(session.check(later(30 * DAY), lifetimes)).code).toBe('SESSION_EXPIRED');
  });

  it('is refused as SESSION_REVOKED once revoked', () => {
    const session = restored({ revokedAt: later(MINUTE) });
    expect(errorOf(session.check(later(2 * MINUTE), lifetimes)).code).toBe('SESSION_REVOKED');
  });

  it('is refused as SESSION_REUSED once it has been rotated', () => {
    const session = restored({ rotatedAt: later(MINUTE) });
    expect(errorOf(session.check(later(2 * MINUTE), lifetimes)).code).toBe('SESSION_REUSED');
  });

  it('reports revocation ahead of rotation', () => {
    const session = restored({ revokedAt: later(2 * MINUTE), rotatedAt: later(MINUTE) });
    expect(errorOf(session.check(later(3 * MINUTE), lifetimes)).code).toBe('SESSION_REVOKED');
  });

  it('reports revocation ahead of expiry', () => {
    const session = restored({ revokedAt: later(MINUTE) });
    expect(errorOf(session.check(later(60 * DAY), lifetimes)).code).toBe('SESSION_REVOKED');
  });

  it('has a usable successor in the same family with the same absolute end', () => {
    const first = start();
    const renewedAt = later(3 * DAY);
    const next = first.successor({ id: 'session-2', secretHash: 'hash-2', at: renewedAt });

    expect(stateOf(next)).toEqual({
      id: 'session-2',
      userId: 'user-1',
      familyId: 'session-1',
      secretHash: 'hash-2',
      createdAt: renewedAt,
      lastUsedAt: renewedAt,
      expiresAt: later(30 * DAY),
      revokedAt: null,
      rotatedAt: null,
    });
    expect(successOf(next.check(renewedAt, lifetimes))).toBe(next);
    // Its idle window starts afresh: beyond the first session's idle end, still usable.
    expect(next.check(later(9 * DAY), lifetimes).ok).toBe(true);
    expect(errorOf(first.check(later(9 * DAY), lifetimes)).code).toBe('SESSION_EXPIRED');
  });

  it('leaves the original session untouched when making a successor', () => {
    const first = start();
    const before = stateOf(first);
    first.successor({ id: 'session-2', secretHash: 'hash-2', at: later(DAY) });
    expect(stateOf(first)).toEqual(before);
  });

  it('gives a successor a clean slate even if its predecessor was marked rotated', () => {
    const rotated = restored({ rotatedAt: later(DAY) });
    const next = rotated.successor({ id: 'session-2', secretHash: 'hash-2', at: later(DAY) });
    expect(next.rotatedAt).toBeNull();
    expect(next.revokedAt).toBeNull();
    expect(next.check(later(DAY), lifetimes).ok).toBe(true);
  });

  it('never extends a chain of successors past the family absolute expiry', () => {
    let session = start();
    // Refresh every 5 days: always within the idle window.
    for (let step = 1; step <= 5; step += 1) {
      const renewedAt = later(step * 5 * DAY);
      session = session.successor({
        id: `session-${step + 1}`,
        secretHash: `hash-${step + 1}`,
        at: renewedAt,
      });
      expect(session.check(renewedAt, lifetimes).ok).toBe(true);
      expect(session.expiresAt).toEqual(later(30 * DAY));
      expect(session.familyId).toBe('session-1');
    }
    // Last renewed at day 25: idle would allow day 32, the family ends at day 30.
    expect(session.check(later(30 * DAY - 1), lifetimes).ok).toBe(true);
    expect(errorOf(session.check(later(30 * DAY), lifetimes)).code).toBe('SESSION_EXPIRED');
    // A successor made at the last moment is dead on arrival.
    const last = session.successor({ id: 'session-7', secretHash: 'hash-7', at: later(30 * DAY) });
    expect(errorOf(last.check(later(30 * DAY), lifetimes)).code).toBe('SESSION_EXPIRED');
  });
});

describe('User', () => {
  const at = new Date('2026-01-15T09:30:00.000Z');
  const email = Email.restore('ada@example.com');
  const displayName = DisplayName.restore('Ada');

  it('registers with the USER role by default', () => {
    const user = User.register({ id: 'user-1', email, displayName, passwordHash: 'h1', at });
    expect(user.role).toBe(Role.User);
    expect(user.role).toBe('USER');
    expect(user.id).toBe('user-1');
    expect(user.email.value).toBe('ada@example.com');
    expect(user.displayName.value).toBe('Ada');
    expect(user.passwordHash).toBe('h1');
    expect(user.createdAt).toEqual(at);
    expect(user.updatedAt).toEqual(at);
  });

  it('registers with the role it is given', () => {
    const user = User.register({
      id: 'user-1',
      email,
      displayName,
      passwordHash: 'h1',
      role: Role.Admin,
      at,
    });
    expect(user.role).toBe('ADMIN');
  });

  it('changes only the hash and the update time when rehashed', () => {
    const user = User.register({
      id: 'user-1',
      email,
      displayName,
      passwordHash: 'h1',
      role: Role.Admin,
      at,
    });
    const rehashedAt = new Date('2026-02-01T00:00:00.000Z');
    const rehashed = user.withPasswordHash('h2', rehashedAt);

    expect(rehashed.passwordHash).toBe('h2');
    expect(rehashed.updatedAt).toEqual(rehashedAt);
    expect(rehashed.id).toBe('user-1');
    expect(rehashed.email).toBe(email);
    expect(rehashed.displayName).toBe(displayName);
    expect(rehashed.role).toBe('ADMIN');
    expect(rehashed.createdAt).toEqual(at);
    // The original is not mutated.
    expect(user.passwordHash).toBe('h1');
    expect(user.updatedAt).toEqual(at);
  });
});

describe('control characters', () => {
  it('are refused in display names and emails, which PostgreSQL text could not store', () => {
    expect(DisplayName.parse('Ada\u0000').ok).toBe(false);
    expect(DisplayName.parse('Ada\u0007Lovelace').ok).toBe(false);
    expect(Email.parse('ada\u0000@example.com').ok).toBe(false);
    expect(DisplayName.parse('Ada Lovelace').ok).toBe(true);
  });

  it('include unpaired surrogates, which UTF-8 cannot store, but not whole pairs', () => {
    expect(DisplayName.parse('Ada\ud800').ok).toBe(false);
    expect(DisplayName.parse('\udc00Ada').ok).toBe(false);
    expect(Email.parse('ada\ud800@example.com').ok).toBe(false);
    expect(DisplayName.parse(`Ada ${EMOJI}`).ok).toBe(true);
  });
});
