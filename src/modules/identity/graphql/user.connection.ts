import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '#shared/graphql/connection.js';
import type { UserView } from '../application/index.js';
import { UserType } from './user.type.js';

@ObjectType('UserConnection', {
  simpleResolvers: true,
  description: 'A page of users, oldest first.',
})
export class UserConnectionType extends ConnectionType<UserView>(UserType, 'User') {
  @Field(() => Int, { description: 'All users, on every page.' })
  totalCount!: number;
}
