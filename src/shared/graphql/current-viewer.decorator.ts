import { createParameterDecorator } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { unauthenticated } from './errors.js';

/** The signed-in viewer as a resolver argument; UNAUTHENTICATED when there is none. */
export function CurrentViewer() {
  return createParameterDecorator<GraphQLContext>(({ context }) => {
    if (!context.viewer) {
      throw unauthenticated(context.credentialsProblem ?? undefined);
    }
    return context.viewer;
  });
}
