import type { Page } from '#shared/application/page.js';
import type { UserView } from '../queries/user.view.js';

export type UserPage = Page<UserView>;

/** Reads shaped for screens; no domain objects. */
export interface UserReadModel {
  findByIds(ids: readonly string[]): Promise<UserView[]>;
  /** Users by creation, oldest first, after the keyset position if given. */
  page(first: number, after: { createdAt: Date; id: string } | null): Promise<UserPage>;
  count(): Promise<number>;
}

export const USER_READ_MODEL = Symbol('identity.UserReadModel');
