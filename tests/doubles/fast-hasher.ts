import { createHash } from 'node:crypto';
import type { PasswordHasher } from '#modules/identity/application/ports/password-hasher.js';

const digest = (password: string) => createHash('sha256').update(password).digest('hex');

/**
 * A deterministic, fast stand-in for argon2: `fast$<cost>$<sha256>`. `cost` plays the part
 * of the hashing parameters, so rehashing can be tested. Counts its calls.
 */
export class FastHasher implements PasswordHasher {
  hashes = 0;
  verifications = 0;

  constructor(private readonly cost = 1) {}

  async hash(password: string): Promise<string> {
    this.hashes += 1;
    return `fast$${this.cost}$${digest(password)}`;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    this.verifications += 1;
    const [scheme, , stored] = hash.split('$');
    return scheme === 'fast' && stored === digest(password);
  }

  needsRehash(hash: string): boolean {
    const [scheme, cost] = hash.split('$');
    return scheme !== 'fast' || Number(cost) < this.cost;
  }
}
