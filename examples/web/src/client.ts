import {
  type AuthFieldsFragment,
  LoginDocument,
  RefreshSessionDocument,
  type RefreshSessionMutation,
  type RefreshSessionMutationVariables,
  RegisterDocument,
} from '@strata/operations';
import { authExchange } from '@urql/exchange-auth';
import {
  Client,
  type CombinedError,
  cacheExchange,
  fetchExchange,
  mapExchange,
  type OperationResult,
} from 'urql';
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
        refreshAuth: () => refreshSession(utils.mutate),
      })),
      fetchExchange,
    ],
  });
}

type RunRefresh = (
  document: typeof RefreshSessionDocument,
  variables: RefreshSessionMutationVariables,
) => Promise<OperationResult<RefreshSessionMutation>>;

let refreshing: Promise<void> | null = null;

/**
 * Exchanges the session token for new tokens, once at a time however many callers ask
 * (requests and the live connection both do). A session that has ended signs the user out;
 * a network error or maintenance keeps it for the next attempt.
 */
function refreshSession(run: RunRefresh): Promise<void> {
  refreshing ??= (async () => {
    const current = session.get();
    if (!current) {
      return;
    }
    const result = await run(RefreshSessionDocument, { sessionToken: current.sessionToken });
    const auth = result.data?.refreshSession.auth;
    if (auth) {
      session.set(toSession(auth));
    } else if (!result.error) {
      session.set(null);
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The access token to open a live connection with, refreshed first if it is about to expire. */
export async function freshAccessToken(client: Client): Promise<string | null> {
  const current = session.get();
  if (current && expiresSoon(current)) {
    await refreshSession((document, variables) => client.mutation(document, variables).toPromise());
  }
  return session.get()?.accessToken ?? null;
}
