import DataLoader from 'dataloader';
import type { GetUsersByIdsHandler, UserView } from '../application/index.js';

declare module '#shared/graphql/context.js' {
  interface RequestLoaders {
    /** Users by id, one query per tick of the event loop. */
    users: DataLoader<string, UserView | null>;
  }
}

export function createIdentityLoaders(usersByIds: GetUsersByIdsHandler) {
  return {
    users: new DataLoader<string, UserView | null>((ids) => usersByIds.execute({ ids })),
  };
}
