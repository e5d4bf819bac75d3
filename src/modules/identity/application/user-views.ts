import type { User } from '../domain/user.js';
import type { UserView } from './queries/user.view.js';

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email.value,
    displayName: user.displayName.value,
    role: user.role,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
