import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from '#shared/graphql/node.js';
import type { Role } from '../application/index.js';
import { RoleEnum } from './role.enum.js';

@ObjectType('User', {
  simpleResolvers: true,
  description: 'An account. Its email is visible to itself and admins only.',
  implements: NodeInterface,
})
export class UserType implements NodeInterface {
  @Field(() => ID, {
    description: 'A UUID; also fetches it with node(id), by the user itself and by admins.',
  })
  id!: string;

  // `email` is resolved by UserResolver: only the user and admins may see it.

  @Field(() => String, { description: 'The name shown to others, 1 to 80 characters.' })
  displayName!: string;

  @Field(() => RoleEnum, { description: 'USER or ADMIN.' })
  role!: Role;

  @Field(() => GraphQLISODateTime, { description: 'When the account was registered.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the account last changed.' })
  updatedAt!: Date;
}
