import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { NodeInterface } from '#shared/graphql/node.js';

@ObjectType('Todo', {
  simpleResolvers: true,
  implements: NodeInterface,
  description: 'A todo of the viewer: its text, tags, completion and version.',
})
export class TodoType extends NodeInterface {
  @Field(() => ID, { description: 'A UUID; also fetches it with node(id) or todo(id).' })
  declare id: string;

  @Field(() => String, { description: 'The text, 1 to 5000 characters, trimmed.' })
  content!: string;

  @Field(() => [String], { description: 'Lower-case, sorted, at most 20.' })
  tags!: string[];

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was completed; null while open.',
  })
  completedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Pass as expectedVersion to editTodo.' })
  version!: number;

  // `completed` is resolved by TodoResolver; `owner` and `sentiment` join other modules and
  // are resolved in src/app/graphql.
}

@ObjectType('TagCount', {
  simpleResolvers: true,
  description: "A tag and how many of the viewer's todos carry it.",
})
export class TagCountType {
  @Field(() => String, { description: 'The tag, lower-case.' })
  tag!: string;

  @Field(() => Int, { description: 'Todos carrying it.' })
  count!: number;
}
