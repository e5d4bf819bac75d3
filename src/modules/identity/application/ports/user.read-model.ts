import type { UserView } from '../queries/user.view.js';

export interface UserPage {
  readonly users: readonly UserView[];
  readonly hasNextPage: boolean;
}

/** Reads shaped for screens; no domain objects. */
export interface UserReadModel {
  findByIds(ids: readonly string[]): Promise<UserView[]>;
  /** Users by creation, oldest first, after the keyset position if given. */
  page(first: number, after: { createdAt: Date; id: string } | null): Promise<UserPage>;
  count(): Promise<number>;
}

export const USER_READ_MODEL = Symbol('identity.UserReadModel');
