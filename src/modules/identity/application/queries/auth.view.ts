import type { UserView } from './user.view.js';

/** What a client keeps after signing in: a short-lived access token and a session token. */
export interface AuthView {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly sessionToken: string;
  readonly user: UserView;
}
