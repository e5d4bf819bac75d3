import DataLoader from 'dataloader';
import type { GetUsersByIdsHandler, UserView } from '../application/index.js';

declare module '#shared/graphql/context.js' {
  interface RequestLoaders {
    /** Users by id, one query per tick of the event loop; the viewer's known from the start. */
    users: UserLoader;
  }
}

/**
 * Users by id for one request. `known(id)` answers at once for a user already read (the
 * viewer, read with the session): resolvers return it without a promise.
 */
class UserLoader extends DataLoader<string, UserView | null> {
  private readonly primed = new Map<string, UserView>();

  constructor(usersByIds: GetUsersByIdsHandler, viewerUser: UserView | null) {
    super((ids) => usersByIds.execute({ ids }));
    if (viewerUser) {
      this.primed.set(viewerUser.id, viewerUser);
      this.prime(viewerUser.id, viewerUser);
    }
  }

  known(id: string): UserView | undefined {
    return this.primed.get(id);
  }
}

export function createIdentityLoaders(
  usersByIds: GetUsersByIdsHandler,
  viewerUser: UserView | null,
) {
  return { users: new UserLoader(usersByIds, viewerUser) };
}
