import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { ID_GENERATOR, type IdGenerator } from '#shared/application/id-generator.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { IdentityErrorCode, identityError } from '../../domain/identity.errors.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../ports/identity.settings.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';
import { SESSION_SECRETS, type SessionSecrets } from '../ports/session-secrets.js';
import { USER_REPOSITORY, type UserRepository } from '../ports/user.repository.js';
import type { AuthView } from '../queries/auth.view.js';
import { PresentedSessions } from '../services/presented-sessions.js';
import { SessionRevoker } from '../services/session-revoker.js';
import { SessionStarter } from '../services/session-starter.js';

export interface RefreshSessionCommand {
  readonly sessionToken: string;
}

const reused = () =>
  identityError(
    IdentityErrorCode.SessionReused,
    'This session token was already used. All sessions from that sign-in have ended.',
    'sessionToken',
  );

/**
 * Rotation: the presented session is exchanged for a successor and stops working. A
 * session token presented twice was copied; the whole family is revoked.
 */
@injectable()
export class RefreshSessionHandler {
  constructor(
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(SESSION_SECRETS) private readonly secrets: SessionSecrets,
    @inject(PresentedSessions) private readonly presented: PresentedSessions,
    @inject(USER_REPOSITORY) private readonly users: UserRepository,
    @inject(SessionStarter) private readonly starter: SessionStarter,
    @inject(SessionRevoker) private readonly revoker: SessionRevoker,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(command: RefreshSessionCommand): Promise<Result<AuthView, DomainError>> {
    const at = this.clock.now();
    const presented = await this.presented.find(command.sessionToken);
    if (!presented.ok) {
      return presented;
    }
    const session = presented.value;
    const usable = session.check(at, this.settings.sessions);
    if (!usable.ok) {
      if (usable.error.code === IdentityErrorCode.SessionReused) {
        await this.revoker.revokeFamily(session.userId, session.familyId, at);
        return err(reused());
      }
      return err({ ...usable.error, field: 'sessionToken' });
    }
    const secret = this.secrets.generate();
    const successor = session.successor({
      id: this.ids.newId(),
      secretHash: this.secrets.hash(secret),
      at,
    });
    const rotated = await this.transaction.run(async () => {
      if (!(await this.sessions.markRotated(session.id, at))) {
        return false;
      }
      await this.sessions.add(successor);
      return true;
    });
    if (!rotated) {
      // Another request exchanged this token a moment ago: the same token, used twice.
      await this.revoker.revokeFamily(session.userId, session.familyId, at);
      return err(reused());
    }
    const user = await this.users.findById(session.userId);
    if (!user) {
      return err(identityError(IdentityErrorCode.InvalidSession, 'This session has ended.'));
    }
    return ok(await this.starter.tokensFor(user, successor, secret, at));
  }
}
