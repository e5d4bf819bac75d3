import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireBearer } from '#shared/http/bearer-token.js';
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
    onRequest: requireBearer(token, 'strata-ops', 'OPS_TOKEN'),
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
