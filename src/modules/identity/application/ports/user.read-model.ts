import type { Page } from '#shared/application/page.js';
import type { UserView } from '../queries/user.view.js';

export type UserPage = Page<UserView>;

export interface UserPageRequest {
  readonly first: number;
  /** Continue after this user (oldest first). */
  readonly after: { readonly createdAt: Date; readonly id: string } | null;
}

/** Reads shaped for screens; no domain objects. */
export interface UserReadModel {
  findByIds(ids: readonly string[]): Promise<UserView[]>;
  /** Users by creation, oldest first, after the keyset position if given. */
  page(request: UserPageRequest): Promise<UserPage>;
  count(): Promise<number>;
}

export const USER_READ_MODEL = Symbol('identity.UserReadModel');
