import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * `@Authorized()` needs a viewer; `@Authorized('ADMIN')` needs that role. Failures are
 * UNAUTHENTICATED (no or bad credentials, with the reason) or FORBIDDEN.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  if (!context.viewer) {
    throw unauthenticated(context.credentialsProblem ?? undefined);
  }
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw forbidden();
  }
  return true;
};
