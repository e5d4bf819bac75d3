import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { Viewer } from '#shared/application/viewer.js';
import { ACCESS_TOKENS, type AccessTokens } from '../ports/access-tokens.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';
import type { UserView } from './user.view.js';

export interface AuthenticateQuery {
  readonly accessToken: string;
}

/** The viewer, and their user as the same read found it (the request needs it often). */
export interface AuthenticatedViewer extends Viewer {
  readonly user: UserView;
  /** When the access token expires: a live connection holding it ends then. */
  readonly accessExpiresAt: Date;
}

/**
 * The viewer an access token speaks for: genuine, unexpired, and its sign-in neither ended
 * nor past its absolute lifetime. Tokens of earlier rotations stay valid until they expire.
 */
@injectable()
export class AuthenticateHandler {
  constructor(
    @inject(ACCESS_TOKENS) private readonly accessTokens: AccessTokens,
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: AuthenticateQuery): Promise<AuthenticatedViewer | null> {
    const claims = await this.accessTokens.verify(query.accessToken);
    if (!claims) {
      return null;
    }
    const found = await this.sessions.findWithUser(claims.sessionId);
    return found?.session.vouchesFor(claims.userId, this.clock.now())
      ? {
          userId: claims.userId,
          role: claims.role,
          user: found.user,
          accessExpiresAt: claims.expiresAt,
        }
      : null;
  }
}
