import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { SessionRevoker } from '../services/session-revoker.js';

export interface LogoutEverywhereCommand {
  readonly userId: string;
}

/** Ends every session of the user, and their live connections; resolves to how many were open. */
@injectable()
export class LogoutEverywhereHandler {
  constructor(
    @inject(SessionRevoker) private readonly revoker: SessionRevoker,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: LogoutEverywhereCommand): Promise<number> {
    return this.revoker.revokeAll(command.userId, this.clock.now());
  }
}
