import type { Role } from '../../domain/role.js';
import type { User } from '../../domain/user.js';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

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
