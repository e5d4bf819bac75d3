import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { NodeInterface } from '#shared/graphql/node.js';

@ObjectType('Todo', { implements: NodeInterface })
export class TodoType extends NodeInterface {
  @Field(() => ID)
  declare id: string;

  @Field(() => String)
  content!: string;

  @Field(() => [String], { description: 'Lower-case, sorted, at most 20.' })
  tags!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => Int, { description: 'Pass as expectedVersion to editTodo.' })
  version!: number;

  // `completed` is resolved by TodoResolver; `owner` and `sentiment` join other modules and
  // are resolved in src/app/graphql.
}

@ObjectType('TagCount')
export class TagCountType {
  @Field(() => String)
  tag!: string;

  @Field(() => Int)
  count!: number;
}
