import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '#modules/identity/application/ports/password-hasher.js';
import { Argon2PasswordHasher } from '#modules/identity/infrastructure/argon2-password-hasher.js';
import { FastHasher } from '../doubles/fast-hasher.js';

interface Subject {
  readonly name: string;
  readonly make: () => PasswordHasher;
  /** The same hasher configured with stronger parameters. */
  readonly stronger: () => PasswordHasher;
}

const owasp = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const subjects: Subject[] = [
  {
    name: 'Argon2PasswordHasher',
    make: () => new Argon2PasswordHasher(owasp),
    stronger: () => new Argon2PasswordHasher({ ...owasp, timeCost: 3 }),
  },
  {
    name: 'FastHasher (tests/doubles)',
    make: () => new FastHasher(1),
    stronger: () => new FastHasher(2),
  },
];

describe.each(subjects)('PasswordHasher contract: $name', ({ make, stronger }) => {
  it('verifies the password it hashed and nothing else', async () => {
    const hasher = make();
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).not.toContain('correct horse');
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapl')).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  it('refuses a malformed stored hash without throwing', async () => {
    expect(await make().verify('not-a-hash', 'whatever password')).toBe(false);
  });

  it('asks for a rehash only when the parameters went up', async () => {
    const hash = await make().hash('a password of twelve+');
    expect(make().needsRehash(hash)).toBe(false);
    expect(stronger().needsRehash(hash)).toBe(true);
    expect(make().needsRehash(await stronger().hash('a password of twelve+'))).toBe(false);
  });
});
