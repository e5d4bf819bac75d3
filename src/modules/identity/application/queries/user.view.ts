import type { Role } from '../../domain/role.js';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
