import { inject, injectable } from 'inversify';
import {
  USER_READ_MODEL,
  type UserPageRequest,
  type UserReadModel,
} from '../ports/user.read-model.js';
import type { UserListView } from './user-list.view.js';

export type ListUsersQuery = UserPageRequest;

/** Every user, oldest first, a keyset page at a time, with how many there are. */
@injectable()
export class ListUsersHandler {
  constructor(@inject(USER_READ_MODEL) private readonly users: UserReadModel) {}

  async execute(query: ListUsersQuery): Promise<UserListView> {
    const [page, totalCount] = await Promise.all([this.users.page(query), this.users.count()]);
    return { ...page, totalCount };
  }
}
