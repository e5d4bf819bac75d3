import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { Email } from '../../domain/email.js';
import type { User } from '../../domain/user.js';

export interface UserRepository {
  /** Fails with EMAIL_TAKEN when the email is registered already, even by a concurrent call. */
  add(user: User): Promise<Result<User, DomainError>>;
  findByEmail(email: Email): Promise<User | null>;
  findById(id: string): Promise<User | null>;
  savePasswordHash(user: User): Promise<void>;
}

export const USER_REPOSITORY = Symbol('identity.UserRepository');
