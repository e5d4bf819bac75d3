import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '#shared/graphql/connection.js';
import type { UserView } from '../application/index.js';
import { UserType } from './user.type.js';

@ObjectType('UserConnection')
export class UserConnectionType extends ConnectionType<UserView>(UserType, 'User') {
  @Field(() => Int)
  totalCount!: number;
}
