import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';
import { TodoEventKindEnum } from './todo-event-kind.enum.js';

@ObjectType('TodoEvent', {
  simpleResolvers: true,
  description: "One change to one of the viewer's todos, in the order changes were committed.",
})
export class TodoEventType {
  @Field(() => TodoEventKindEnum, { description: 'What happened.' })
  kind!: string;

  @Field(() => ID, { description: 'The todo it happened to.' })
  todoId!: string;

  @Field(() => TodoType, {
    nullable: true,
    description: 'The todo right after this change; null for DELETED.',
  })
  todo!: TodoView | null;

  @Field(() => [String], { description: 'The tags TAGGED added or UNTAGGED removed; else empty.' })
  tags!: string[];

  @Field(() => String, {
    description: 'Pass as todoEvents(after:) to resume right after this event.',
  })
  cursor!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the change was made.' })
  occurredAt!: Date;
}
