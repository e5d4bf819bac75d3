import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { injectable } from 'inversify';
import type { SessionSecrets } from '../application/ports/session-secrets.js';

/** 256 random bits per secret; SHA-256 suffices for hashing a secret of that entropy. */
@injectable()
export class RandomSessionSecrets implements SessionSecrets {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }

  matches(secret: string, hash: string): boolean {
    const presented = Buffer.from(this.hash(secret), 'hex');
    const stored = Buffer.from(hash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
