import { Field, ID, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';

/** The todo after the change, or what went wrong (then todo is null). */
@ObjectType()
abstract class TodoResultType {
  @Field(() => TodoType, { nullable: true })
  todo!: TodoView | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType('CreateTodoPayload')
export class CreateTodoPayloadType extends TodoResultType {}

@ObjectType('EditTodoPayload')
export class EditTodoPayloadType extends TodoResultType {}

@ObjectType('CompleteTodoPayload')
export class CompleteTodoPayloadType extends TodoResultType {}

@ObjectType('ReopenTodoPayload')
export class ReopenTodoPayloadType extends TodoResultType {}

@ObjectType('TagTodoPayload')
export class TagTodoPayloadType extends TodoResultType {}

@ObjectType('UntagTodoPayload')
export class UntagTodoPayloadType extends TodoResultType {}

@ObjectType('DeleteTodoPayload')
export class DeleteTodoPayloadType {
  @Field(() => ID, { nullable: true })
  deletedId!: string | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}
