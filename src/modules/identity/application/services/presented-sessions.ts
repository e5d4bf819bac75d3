import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { IdentityErrorCode, identityError } from '../../domain/identity.errors.js';
import type { Session } from '../../domain/session.js';
import { parseSessionToken } from '../../domain/session-token.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';
import { SESSION_SECRETS, type SessionSecrets } from '../ports/session-secrets.js';

/** Sessions found by the session tokens clients present. */
@injectable()
export class PresentedSessions {
  constructor(
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(SESSION_SECRETS) private readonly secrets: SessionSecrets,
  ) {}

  /** The session a token names, if the token's secret is the session's: INVALID_SESSION otherwise. */
  async find(token: string): Promise<Result<Session, DomainError>> {
    const parsed = parseSessionToken(token);
    const session = parsed ? await this.sessions.findById(parsed.sessionId) : null;
    if (!parsed || !session || !this.secrets.matches(parsed.secret, session.secretHash)) {
      return err(
        identityError(
          IdentityErrorCode.InvalidSession,
          'This session token is not valid.',
          'sessionToken',
        ),
      );
    }
    return ok(session);
  }
}
