import { Field, ID, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';

/** The todo after the change, or what went wrong (then todo is null). */
@ObjectType({ simpleResolvers: true })
abstract class TodoResultType {
  @Field(() => TodoType, {
    nullable: true,
    description: 'The todo after the change; null if it failed.',
  })
  todo!: TodoView | null;

  @Field(() => [UserErrorType], { description: 'Why it failed; empty on success.' })
  userErrors!: UserErrorType[];
}

@ObjectType('CreateTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of createTodo.',
})
export class CreateTodoPayloadType extends TodoResultType {}

@ObjectType('EditTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of editTodo.',
})
export class EditTodoPayloadType extends TodoResultType {}

@ObjectType('CompleteTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of completeTodo.',
})
export class CompleteTodoPayloadType extends TodoResultType {}

@ObjectType('ReopenTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of reopenTodo.',
})
export class ReopenTodoPayloadType extends TodoResultType {}

@ObjectType('TagTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of tagTodo.',
})
export class TagTodoPayloadType extends TodoResultType {}

@ObjectType('UntagTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of untagTodo.',
})
export class UntagTodoPayloadType extends TodoResultType {}

@ObjectType('DeleteTodoPayload', {
  simpleResolvers: true,
  description: 'The outcome of deleteTodo.',
})
export class DeleteTodoPayloadType {
  @Field(() => ID, { nullable: true, description: "The deleted todo's id; null if it failed." })
  deletedId!: string | null;

  @Field(() => [UserErrorType], { description: 'Why it failed; empty on success.' })
  userErrors!: UserErrorType[];
}
