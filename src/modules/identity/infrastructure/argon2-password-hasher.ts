import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../application/ports/password-hasher.js';

export interface Argon2Parameters {
  /** KiB; OWASP's minimum for argon2id is 19456 (19 MiB). */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

// The package declares its algorithms as a const enum, which has no runtime value to import.
const ARGON2ID = 2 as Algorithm.Argon2id;

/** argon2id, with hashes made under weaker parameters flagged for rehashing. */
export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly parameters: Argon2Parameters) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, ...this.parameters });
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }

  needsRehash(stored: string): boolean {
    const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    if (!match) {
      return true;
    }
    const [memoryCost, timeCost, parallelism] = match.slice(1).map(Number);
    return (
      (memoryCost ?? 0) < this.parameters.memoryCost ||
      (timeCost ?? 0) < this.parameters.timeCost ||
      (parallelism ?? 0) < this.parameters.parallelism
    );
  }
}
