import { Field, ID, InputType, Int } from 'type-graphql';
import { SortDirectionEnum, TodoOrderFieldEnum } from './todo-order.enum.js';

@InputType('CreateTodoInput', {
  description: 'A new todo. Errors: INVALID_CONTENT, INVALID_TAG, TOO_MANY_TAGS.',
})
export class CreateTodoInput {
  @Field(() => String, { description: '1 to 5000 characters once trimmed.' })
  content!: string;

  @Field(() => [String], { defaultValue: [], description: 'At most 20; a-z, 0-9 and -.' })
  tags!: string[];
}

@InputType('EditTodoInput', {
  description:
    'New content for a todo, checked against the version read. Errors: NOT_FOUND, INVALID_CONTENT, VERSION_CONFLICT.',
})
export class EditTodoInput {
  @Field(() => ID, { description: 'The todo to edit.' })
  id!: string;

  @Field(() => String, { description: 'The new text, 1 to 5000 characters once trimmed.' })
  content!: string;

  @Field(() => Int, { description: 'The version being edited; a newer one is VERSION_CONFLICT.' })
  expectedVersion!: number;
}

@InputType('TodoFilter', { description: 'Narrows todos; every condition given must hold.' })
export class TodoFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'Full-text search, web syntax: words, "a phrase", -without, or.',
  })
  search?: string | null;

  @Field(() => [String], { nullable: true, description: 'Todos carrying all of these tags.' })
  tags?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only completed (true) or only open (false) todos; both when null.',
  })
  completed?: boolean | null;
}

@InputType('TodoOrder', { description: 'How todos are sorted; ties are broken by id.' })
export class TodoOrderInput {
  @Field(() => TodoOrderFieldEnum, { description: 'What to sort by.' })
  field!: keyof typeof TodoOrderFieldEnum;

  @Field(() => SortDirectionEnum, { defaultValue: 'DESC', description: 'Newest first by default.' })
  direction!: keyof typeof SortDirectionEnum;
}
