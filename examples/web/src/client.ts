import {
  type AuthFieldsFragment,
  LoginDocument,
  RefreshSessionDocument,
  RegisterDocument,
} from '@strata/operations';
import { authExchange } from '@urql/exchange-auth';
import { Client, type CombinedError, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { strataUrl } from './config.ts';
import { maintenance } from './maintenance.ts';
import { expiresSoon, type Session, session } from './session.ts';

export const toSession = (auth: AuthFieldsFragment): Session => ({
  accessToken: auth.accessToken,
  accessTokenExpiresAt: auth.accessTokenExpiresAt,
  sessionToken: auth.sessionToken,
  user: { id: auth.user.id, email: auth.user.email ?? '', displayName: auth.user.displayName },
});

/** The stable code Strata puts on a top-level error, such as MAINTENANCE. */
export const codeOf = (error: CombinedError | undefined, code: string) =>
  error?.graphQLErrors.find((e) => e.extensions?.code === code);

/** Operations that run signed out: they never wait for a refresh. */
const SIGNED_OUT = new Set([LoginDocument, RegisterDocument].map((d) => d.definitions[0]));

/**
 * urql with its defaults (queries as GET when they fit the URL) plus:
 * - the access token on every request, refreshed with the session token shortly before it
 *   expires, or after Strata answers UNAUTHENTICATED (then the operation runs again once);
 * - maintenance noticed on any answer (503 MAINTENANCE, with retryAfterSeconds).
 */
export function createStrataClient(): Client {
  return new Client({
    url: strataUrl(),
    exchanges: [
      cacheExchange,
      mapExchange({
        onResult(result) {
          const down = codeOf(result.error, 'MAINTENANCE');
          if (down) {
            const retry = down.extensions.retryAfterSeconds;
            maintenance.set({
              active: true,
              retryAfterSeconds: typeof retry === 'number' ? retry : null,
            });
          }
        },
      }),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const current = session.get();
          return current
            ? utils.appendHeaders(operation, { Authorization: `Bearer ${current.accessToken}` })
            : operation;
        },
        willAuthError(operation) {
          const current = session.get();
          return (
            current !== null &&
            !SIGNED_OUT.has(operation.query.definitions[0] as never) &&
            expiresSoon(current)
          );
        },
        didAuthError(error) {
          return session.get() !== null && codeOf(error, 'UNAUTHENTICATED') !== undefined;
        },
        async refreshAuth() {
          const current = session.get();
          if (!current) {
            return;
          }
          const result = await utils.mutate(RefreshSessionDocument, {
            sessionToken: current.sessionToken,
          });
          const auth = result.data?.refreshSession.auth;
          if (auth) {
            session.set(toSession(auth));
          } else if (!result.error) {
            // The session ended (signed out elsewhere, expired): sign in again.
            session.set(null);
          }
          // A network error or maintenance keeps the session for the next attempt.
        },
      })),
      fetchExchange,
    ],
  });
}
