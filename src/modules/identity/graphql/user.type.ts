import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import type { Role } from '../application/index.js';
import { RoleEnum } from './role.enum.js';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  // `email` is resolved by UserResolver: only the user and admins may see it.

  @Field(() => String)
  displayName!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
