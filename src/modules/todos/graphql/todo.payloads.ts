import { Field, ID, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { TodoView } from '../application/index.js';
import { TodoType } from './todo.type.js';

/** The todo after the change, or what went wrong (then todo is null). */
@ObjectType()
abstract class TodoPayload {
  @Field(() => TodoType, { nullable: true })
  todo!: TodoView | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType('CreateTodoPayload')
export class CreateTodoPayload extends TodoPayload {}

@ObjectType('EditTodoPayload')
export class EditTodoPayload extends TodoPayload {}

@ObjectType('CompleteTodoPayload')
export class CompleteTodoPayload extends TodoPayload {}

@ObjectType('ReopenTodoPayload')
export class ReopenTodoPayload extends TodoPayload {}

@ObjectType('TagTodoPayload')
export class TagTodoPayload extends TodoPayload {}

@ObjectType('UntagTodoPayload')
export class UntagTodoPayload extends TodoPayload {}

@ObjectType('DeleteTodoPayload')
export class DeleteTodoPayload {
  @Field(() => ID, { nullable: true })
  deletedId!: string | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

export type TodoResult = Pick<TodoPayload, 'todo' | 'userErrors'>;
