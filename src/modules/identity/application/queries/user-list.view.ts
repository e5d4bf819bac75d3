import type { UserPage } from '../ports/user.read-model.js';

export interface UserListView extends UserPage {
  readonly totalCount: number;
}
