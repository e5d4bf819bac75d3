import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { ID_GENERATOR, type IdGenerator } from '#shared/application/id-generator.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, type Result } from '#shared/domain/result.js';
import { DisplayName } from '../../domain/display-name.js';
import { Email } from '../../domain/email.js';
import { checkPassword } from '../../domain/password-policy.js';
import type { Role } from '../../domain/role.js';
import { User } from '../../domain/user.js';
import { PASSWORD_HASHER, type PasswordHasher } from '../ports/password-hasher.js';
import { USER_REPOSITORY, type UserRepository } from '../ports/user.repository.js';

export interface NewAccount {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
}

/** Validates every field (all problems at once), hashes the password, stores the user. */
@injectable()
export class AccountRegistrar {
  constructor(
    @inject(USER_REPOSITORY) private readonly users: UserRepository,
    @inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(account: NewAccount): Promise<Result<User, DomainError[]>> {
    const email = Email.parse(account.email);
    const displayName = DisplayName.parse(account.displayName);
    const password = checkPassword(account.password);
    if (!email.ok || !displayName.ok || !password.ok) {
      return err(
        [email, displayName, password].flatMap((result) => (result.ok ? [] : [result.error])),
      );
    }
    const user = User.register({
      id: this.ids.newId(),
      email: email.value,
      displayName: displayName.value,
      passwordHash: await this.hasher.hash(password.value),
      role: account.role,
      at: this.clock.now(),
    });
    const added = await this.users.add(user);
    return added.ok ? added : err([added.error]);
  }
}
