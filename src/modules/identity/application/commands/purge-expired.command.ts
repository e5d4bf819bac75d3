import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { EXCLUSIVE_RUNNER, type ExclusiveRunner } from '#shared/application/exclusive-runner.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../ports/identity.settings.js';
import { LOGIN_ATTEMPT_LOG, type LoginAttemptLog } from '../ports/login-attempt.log.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';

export interface PurgeExpiredCommand {
  /** The moment to purge as of; the clock's now when not given. */
  readonly asOf?: Date;
}

export interface PurgeOutcome {
  readonly loginAttempts: number;
  readonly sessions: number;
}

/**
 * Housekeeping: deletes sign-in attempts older than the throttling window and sessions past
 * their absolute lifetime (no token of theirs can work any more). One replica at a time;
 * resolves to null when another is already at it.
 */
@injectable()
export class PurgeExpiredHandler {
  constructor(
    @inject(LOGIN_ATTEMPT_LOG) private readonly attempts: LoginAttemptLog,
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(EXCLUSIVE_RUNNER) private readonly exclusive: ExclusiveRunner,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(command: PurgeExpiredCommand = {}): Promise<PurgeOutcome | null> {
    const now = command.asOf ?? this.clock.now();
    const outcome = await this.exclusive.runExclusively('identity.purge-expired', async () => ({
      loginAttempts: await this.attempts.purgeBefore(
        new Date(now.getTime() - this.settings.login.windowMs),
      ),
      sessions: await this.sessions.purgeExpired(now),
    }));
    return outcome.ran ? outcome.value : null;
  }
}
