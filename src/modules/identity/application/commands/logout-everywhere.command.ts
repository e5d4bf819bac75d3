import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';

export interface LogoutEverywhereCommand {
  readonly userId: string;
}

/** Ends every session of the user; resolves to how many were open. */
@injectable()
export class LogoutEverywhereHandler {
  constructor(
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: LogoutEverywhereCommand): Promise<number> {
    return this.sessions.revokeAllOfUser(command.userId, this.clock.now());
  }
}
