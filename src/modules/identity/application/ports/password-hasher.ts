export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with weaker parameters than those now configured. */
  needsRehash(hash: string): boolean;
}

export const PASSWORD_HASHER = Symbol('identity.PasswordHasher');
