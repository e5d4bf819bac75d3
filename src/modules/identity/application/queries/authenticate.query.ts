import { inject, injectable } from 'inversify';
import type { Viewer } from '../../../../shared/application/viewer.js';
import { ACCESS_TOKENS, type AccessTokens } from '../ports/access-tokens.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';

export interface AuthenticateQuery {
  readonly accessToken: string;
}

/** The viewer an access token speaks for: genuine, unexpired, and its sign-in not ended. */
@injectable()
export class AuthenticateHandler {
  constructor(
    @inject(ACCESS_TOKENS) private readonly accessTokens: AccessTokens,
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
  ) {}

  async execute(query: AuthenticateQuery): Promise<Viewer | null> {
    const claims = await this.accessTokens.verify(query.accessToken);
    if (!claims) {
      return null;
    }
    const session = await this.sessions.findById(claims.sessionId);
    if (!session || session.props.revokedAt || session.userId !== claims.userId) {
      return null;
    }
    return { userId: claims.userId, role: claims.role };
  }
}
