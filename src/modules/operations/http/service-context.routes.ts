import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendError } from '#shared/http/rest-error.js';
import type { GetServiceContextHandler, SetMaintenanceModeHandler } from '../application/index.js';

/** The operators' route, under SERVICE_PREFIX. */
export const SERVICE_CONTEXT_PATH = '/v1/service-context';

export interface ServiceContextRouteDependencies {
  readonly opsToken: string | undefined;
  readonly getServiceContext: GetServiceContextHandler;
  readonly setMaintenanceMode: SetMaintenanceModeHandler;
}

const patchBody = z.object({ maintenance: z.boolean() }).strict();

/**
 * The operators' REST switch. Reading is public (as is the GraphQL query); changing needs
 * `Authorization: Bearer $OPS_TOKEN`, and without OPS_TOKEN the change route does not exist.
 */
export function registerServiceContextRoutes(
  app: FastifyInstance,
  deps: ServiceContextRouteDependencies,
): void {
  app.get(SERVICE_CONTEXT_PATH, async () => deps.getServiceContext.execute());

  const token = deps.opsToken;
  if (!token) {
    return;
  }
  app.route({
    method: 'PATCH',
    url: SERVICE_CONTEXT_PATH,
    // Checked before the body is read: a caller without the token learns nothing more.
    onRequest: async (request, reply) => {
      if (!hasBearer(request, token)) {
        return unauthorized(reply);
      }
    },
    handler: async (request, reply) => {
      const body = patchBody.safeParse(request.body);
      if (!body.success) {
        const issue = body.error.issues[0];
        return sendError(reply, 400, {
          code: 'BAD_REQUEST',
          field: issue?.path.join('.') || null,
          message: 'Expected a JSON body {"maintenance": true|false} and nothing else.',
        });
      }
      return deps.setMaintenanceMode.execute({ enabled: body.data.maintenance });
    },
  });
}

function hasBearer(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const [scheme, presented] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !presented) {
    return false;
  }
  // Compare digests so the comparison takes the same time whatever the length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function unauthorized(reply: FastifyReply) {
  void reply.header('www-authenticate', 'Bearer realm="strata-ops"');
  return sendError(reply, 401, {
    code: 'UNAUTHENTICATED',
    field: null,
    message: 'This route needs Authorization: Bearer <OPS_TOKEN>.',
  });
}
