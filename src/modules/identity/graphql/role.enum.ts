import { registerEnumType } from 'type-graphql';
import { Role } from '../application/index.js';

/** GraphQL enum values match the stored role names: USER, ADMIN. */
export const RoleEnum = { USER: Role.User, ADMIN: Role.Admin } as const;

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a user may do.',
  valuesConfig: {
    USER: { description: 'Their own account, todos and predictions.' },
    ADMIN: { description: 'Also every user and maintenance mode.' },
  },
});
