/** The secret half of session tokens: generated with enough entropy, stored only hashed. */
export interface SessionSecrets {
  generate(): string;
  hash(secret: string): string;
  matches(secret: string, hash: string): boolean;
}

export const SESSION_SECRETS = Symbol('identity.SessionSecrets');
