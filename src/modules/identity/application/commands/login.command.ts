import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasBrokenUnicode } from '#shared/domain/text.js';
import { Email } from '../../domain/email.js';
import { IdentityErrorCode, identityError, LoginThrottled } from '../../domain/identity.errors.js';
import { waitBeforeNextAttempt } from '../../domain/login-throttle.js';
import { PASSWORD_MAX } from '../../domain/password-policy.js';
import type { User } from '../../domain/user.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../ports/identity.settings.js';
import { LOGIN_ATTEMPT_LOG, type LoginAttemptLog } from '../ports/login-attempt.log.js';
import { PASSWORD_HASHER, type PasswordHasher } from '../ports/password-hasher.js';
import { USER_REPOSITORY, type UserRepository } from '../ports/user.repository.js';
import type { AuthView } from '../queries/auth.view.js';
import { SessionStarter } from '../services/session-starter.js';

export interface LoginCommand {
  readonly email: string;
  readonly password: string;
  /** Where the attempt comes from: failures are counted per address and per email there. */
  readonly clientAddress: string;
}

const invalidCredentials = () =>
  identityError(IdentityErrorCode.InvalidCredentials, 'The email or password is incorrect.');

/**
 * Unknown emails and wrong passwords take the same path (a hash is verified either way) and
 * get the same answer, so responses do not reveal which emails have accounts. Failures slow
 * down their source, not the account: after a few for one email from one address, or many
 * from one address over any emails, that source waits longer and longer before its next
 * attempt is checked (RATE_LIMITED with retryAfterSeconds meanwhile). The owner signing in
 * from another address is not held up.
 */
@injectable()
export class LoginHandler {
  private decoyHash: Promise<string> | null = null;

  constructor(
    @inject(USER_REPOSITORY) private readonly users: UserRepository,
    @inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @inject(LOGIN_ATTEMPT_LOG) private readonly attempts: LoginAttemptLog,
    @inject(SessionStarter) private readonly sessions: SessionStarter,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(command: LoginCommand): Promise<Result<AuthView, DomainError>> {
    const email = Email.parse(command.email);
    if (!email.ok) {
      return email;
    }
    const at = this.clock.now();
    const { windowMs, perAccount, perAddress } = this.settings.login;
    const address = command.clientAddress;
    const attempt = await this.attempts.record(
      { email: email.value.value, address, at },
      new Date(at.getTime() - windowMs),
    );
    const waitMs = Math.max(
      waitBeforeNextAttempt(attempt.account, perAccount, at),
      waitBeforeNextAttempt(attempt.address, perAddress, at),
    );
    if (waitMs > 0) {
      await this.attempts.forget(attempt.id);
      return err(new LoginThrottled(Math.max(1, Math.ceil(waitMs / 1000))));
    }

    const user = await this.users.findByEmail(email.value);
    if (!(await this.passwordMatches(user, command.password)) || !user) {
      return err(invalidCredentials());
    }
    await this.attempts.clear(email.value.value, address);
    const current = await this.rehashIfWeak(user, command.password);
    return ok(await this.sessions.start(current));
  }

  private async passwordMatches(user: User | null, password: string): Promise<boolean> {
    // Over the policy's maximum or not valid Unicode, never hash: no account has such a
    // password (and broken Unicode would hash as U+FFFD, matching another password).
    const candidate =
      [...password].length > PASSWORD_MAX || hasBrokenUnicode(password) ? '' : password;
    this.decoyHash ??= this.hasher.hash('a decoy password, never anyone’s');
    const hash = user?.passwordHash ?? (await this.decoyHash);
    const matches = await this.hasher.verify(hash, candidate);
    return matches && candidate !== '' && user !== null;
  }

  private async rehashIfWeak(user: User, password: string): Promise<User> {
    if (!this.hasher.needsRehash(user.passwordHash)) {
      return user;
    }
    const stronger = user.withPasswordHash(await this.hasher.hash(password), this.clock.now());
    await this.users.savePasswordHash(stronger);
    return stronger;
  }
}
