import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { ID_GENERATOR, type IdGenerator } from '#shared/application/id-generator.js';
import { Session } from '../../domain/session.js';
import { composeSessionToken } from '../../domain/session-token.js';
import type { User } from '../../domain/user.js';
import { ACCESS_TOKENS, type AccessTokens } from '../ports/access-tokens.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../ports/identity.settings.js';
import { SESSION_REPOSITORY, type SessionRepository } from '../ports/session.repository.js';
import { SESSION_SECRETS, type SessionSecrets } from '../ports/session-secrets.js';
import type { AuthView } from '../queries/auth.view.js';
import { toUserView } from '../queries/user.view.js';

/** Signs a user in: a new session family and the tokens for it. */
@injectable()
export class SessionStarter {
  constructor(
    @inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @inject(SESSION_SECRETS) private readonly secrets: SessionSecrets,
    @inject(ACCESS_TOKENS) private readonly accessTokens: AccessTokens,
    @inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async start(user: User): Promise<AuthView> {
    const at = this.clock.now();
    const secret = this.secrets.generate();
    const session = Session.start({
      id: this.ids.newId(),
      userId: user.id,
      secretHash: this.secrets.hash(secret),
      at,
      lifetimes: this.settings.sessions,
    });
    await this.sessions.add(session);
    return this.tokensFor(user, session, secret, at);
  }

  async tokensFor(user: User, session: Session, secret: string, at: Date): Promise<AuthView> {
    const access = await this.accessTokens.issue(
      { userId: user.id, role: user.role, sessionId: session.id },
      at,
    );
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      sessionToken: composeSessionToken(session.id, secret),
      user: toUserView(user),
    };
  }
}
