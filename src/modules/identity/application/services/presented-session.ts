import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { IdentityErrorCode, identityError } from '../../domain/identity.errors.js';
import type { Session } from '../../domain/session.js';
import { parseSessionToken } from '../../domain/session-token.js';
import type { SessionRepository } from '../ports/session.repository.js';
import type { SessionSecrets } from '../ports/session-secrets.js';

/** The session a token names, if the token's secret is the session's. */
export async function findPresentedSession(
  token: string,
  sessions: SessionRepository,
  secrets: SessionSecrets,
): Promise<Result<{ session: Session }, DomainError>> {
  const parsed = parseSessionToken(token);
  const session = parsed ? await sessions.findById(parsed.sessionId) : null;
  if (!parsed || !session || !secrets.matches(parsed.secret, session.secretHash)) {
    return err(
      identityError(
        IdentityErrorCode.InvalidSession,
        'This session token is not valid.',
        'sessionToken',
      ),
    );
  }
  return ok({ session });
}
