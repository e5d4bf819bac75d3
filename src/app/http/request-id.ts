import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids that are safe to log and echo: a caller's own id is kept only if it looks like one. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Stamps the request id on every error of a GraphQL response body, so a client's report can
 * be found in the logs. The one place this happens: errors from execution, from Apollo
 * before execution (a missing query, a mutation over GET) and from fastify before Apollo (a body too large)
 * all pass through here.
 */
export function withRequestId(body: string, requestId: string): string {
  // Every body here puts `errors` first when it has them (Apollo orders a result's fields so,
  // and ours are built so): a page of data is not scanned for them.
  if (!body.startsWith('{"errors":')) {
    return body;
  }
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    if (!Array.isArray(parsed.errors)) {
      return body;
    }
    for (const error of parsed.errors) {
      error.extensions = { ...error.extensions, requestId };
    }
    return `${JSON.stringify(parsed)}${body.endsWith('\n') ? '\n' : ''}`;
  } catch {
    return body;
  }
}
