import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { PresentedSessions } from '../services/presented-sessions.js';
import { SessionRevoker } from '../services/session-revoker.js';

export interface LogoutCommand {
  readonly sessionToken: string;
}

/**
 * Ends the sign-in the token belongs to: its whole family, so the access tokens of earlier
 * rotations stop working too. Ending an ended session succeeds.
 */
@injectable()
export class LogoutHandler {
  constructor(
    @inject(SessionRevoker) private readonly revoker: SessionRevoker,
    @inject(PresentedSessions) private readonly presented: PresentedSessions,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LogoutCommand): Promise<Result<true, DomainError>> {
    const session = await this.presented.find(command.sessionToken);
    if (!session.ok) {
      return session;
    }
    await this.revoker.revokeFamily(session.value.userId, session.value.familyId, this.clock.now());
    return ok(true);
  }
}
