import { inject, injectable } from 'inversify';
import { USER_READ_MODEL, type UserPage, type UserReadModel } from '../ports/user.read-model.js';

export interface ListUsersQuery {
  readonly first: number;
  readonly after: { readonly createdAt: Date; readonly id: string } | null;
}

export interface UserListView extends UserPage {
  readonly totalCount: number;
}

/** Every user, oldest first, a keyset page at a time. */
@injectable()
export class ListUsersHandler {
  constructor(@inject(USER_READ_MODEL) private readonly users: UserReadModel) {}

  async execute(query: ListUsersQuery): Promise<UserListView> {
    const [page, totalCount] = await Promise.all([
      this.users.page(query.first, query.after),
      this.users.count(),
    ]);
    return { ...page, totalCount };
  }
}
