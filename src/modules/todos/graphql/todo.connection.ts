import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfoType } from '#shared/graphql/connection.js';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';

@ObjectType('TodoEdge')
export class TodoEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => TodoType)
  node!: TodoView;
}

@ObjectType('TodoConnection')
export class TodoConnectionType {
  @Field(() => [TodoEdgeType])
  edges!: TodoEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'All todos matching the filter, on every page.' })
  totalCount!: number;
}
