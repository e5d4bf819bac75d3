/** What clients are told to wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The database could not be reached or did not answer in time: a failure of the
 * infrastructure, not of the request. GraphQL reports it as `DATABASE_UNAVAILABLE` (the
 * code is read from `extensions`, as graphql-js does for any original error); HTTP routes
 * answer 503 with `Retry-After`.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly extensions = {
    code: 'DATABASE_UNAVAILABLE',
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  } as const;
}

/** postgres.js's own codes for a connection that failed, closed or timed out. */
const DRIVER_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (08), shutting down or
 * starting (57P01–57P03), too many connections (53300), a statement timeout (57014).
 */
const unavailableState = (state: string) =>
  state.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(state);

/** The error as a DatabaseUnavailableError when it means the database is out of reach. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !(error instanceof Error)) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return error;
  }
  const isPostgresError = error.name === 'PostgresError';
  if ((isPostgresError && unavailableState(code)) || (!isPostgresError && DRIVER_CODES.has(code))) {
    return new DatabaseUnavailableError(`The database is unavailable (${code}).`, { cause: error });
  }
  return error;
}
