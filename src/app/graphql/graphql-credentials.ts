import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticateHandler, UserView } from '#modules/identity/application/index.js';
import type { Viewer } from '#shared/application/viewer.js';

export interface Credentials {
  readonly viewer: Viewer | null;
  /** The viewer's user, read with the session: loaders start with it. */
  readonly user: UserView | null;
  /** Why credentials that were sent were not accepted (expired, forged, signed out). */
  readonly problem: string | null;
  /** When the access token expires; null without one. */
  readonly expiresAt?: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    credentials: Credentials | null;
  }
}

/** A request body over the limit that applies to its sender; fastify answers 413. */
class BodyTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';

  constructor(readonly limit: number) {
    super(
      `Requests without valid credentials may send at most ${limit} bytes; sign in to send more.`,
    );
  }
}

/**
 * A `preParsing` hook for the GraphQL route: the caller is authenticated before the body
 * is read, and a caller without valid credentials gets the smaller anonymous body limit,
 * whether the body declares its length or streams it in chunks.
 */
export function credentialsHook(authenticate: AuthenticateHandler, anonymousBodyBytes: number) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    request.credentials = await resolveViewer(request.headers.authorization, authenticate);
    if (request.credentials.viewer) {
      return payload;
    }
    const length = request.headers['content-length'];
    if (length !== undefined) {
      if (Number(length) > anonymousBodyBytes) {
        throw new BodyTooLarge(anonymousBodyBytes);
      }
      // Node's parser reads no more than the declared length: the body is within the limit.
      return payload;
    }
    return payload.pipe(limitedTo(anonymousBodyBytes));
  };
}

function limitedTo(limit: number): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? new BodyTooLarge(limit) : null, chunk);
    },
  });
}

/** The viewer the request's bearer token speaks for, once per request. */
export async function resolveViewer(
  header: string | undefined,
  authenticate: AuthenticateHandler,
): Promise<Credentials> {
  if (!header) {
    return { viewer: null, user: null, problem: null };
  }
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    return {
      viewer: null,
      user: null,
      problem: 'Send the access token as "Authorization: Bearer <token>".',
    };
  }
  const authenticated = await authenticate.execute({ accessToken: token });
  if (!authenticated) {
    return {
      viewer: null,
      user: null,
      problem: 'The access token is invalid, expired, or its session has ended.',
    };
  }
  const { user, userId, role, accessExpiresAt } = authenticated;
  return { viewer: { userId, role }, user, problem: null, expiresAt: accessExpiresAt };
}
