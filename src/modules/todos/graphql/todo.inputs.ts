import { Field, ID, InputType, Int } from 'type-graphql';
import { SortDirectionEnum, TodoOrderFieldEnum } from './todo-order.enum.js';

@InputType('CreateTodoInput')
export class CreateTodoInput {
  @Field(() => String, { description: '1 to 5000 characters once trimmed.' })
  content!: string;

  @Field(() => [String], { defaultValue: [], description: 'At most 20; a-z, 0-9 and -.' })
  tags!: string[];
}

@InputType('EditTodoInput')
export class EditTodoInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  content!: string;

  @Field(() => Int, { description: 'The version being edited; a newer one is VERSION_CONFLICT.' })
  expectedVersion!: number;
}

@InputType('TodoFilter')
export class TodoFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'Full-text search, web syntax: words, "a phrase", -without, or.',
  })
  search?: string | null;

  @Field(() => [String], { nullable: true, description: 'Todos carrying all of these tags.' })
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  completed?: boolean | null;
}

@InputType('TodoOrder')
export class TodoOrderInput {
  @Field(() => TodoOrderFieldEnum)
  field!: keyof typeof TodoOrderFieldEnum;

  @Field(() => SortDirectionEnum, { defaultValue: 'DESC' })
  direction!: keyof typeof SortDirectionEnum;
}
