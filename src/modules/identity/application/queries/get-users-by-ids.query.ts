import { inject, injectable } from 'inversify';
import { USER_READ_MODEL, type UserReadModel } from '../ports/user.read-model.js';
import type { UserView } from './user.view.js';

export interface GetUsersByIdsQuery {
  readonly ids: readonly string[];
}

/** One read for many ids, in the order asked (null where there is no such user). */
@injectable()
export class GetUsersByIdsHandler {
  constructor(@inject(USER_READ_MODEL) private readonly users: UserReadModel) {}

  async execute(query: GetUsersByIdsQuery): Promise<(UserView | null)[]> {
    const found = new Map((await this.users.findByIds(query.ids)).map((user) => [user.id, user]));
    return query.ids.map((id) => found.get(id) ?? null);
  }
}
