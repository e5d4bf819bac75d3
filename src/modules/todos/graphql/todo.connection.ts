import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '#shared/graphql/connection.js';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';

@ObjectType('TodoConnection', {
  simpleResolvers: true,
  description: "A page of the viewer's todos.",
})
export class TodoConnectionType extends ConnectionType<TodoView>(TodoType, 'Todo') {
  @Field(() => Int, { description: 'All todos matching the filter, on every page.' })
  totalCount!: number;
}
