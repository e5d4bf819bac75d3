import { Field, ObjectType } from 'type-graphql';
import { UserErrorCodeEnum } from './user-error-code.enum.js';

@ObjectType('UserError', {
  simpleResolvers: true,
  description: 'An expected failure the user can act on: a bad field, a taken email.',
})
export class UserErrorType {
  @Field(() => UserErrorCodeEnum, {
    description: 'Stable, machine-readable code, such as EMAIL_TAKEN.',
  })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The input field at fault, if one is (e.g. "email"); null otherwise.',
  })
  field!: string | null;

  @Field(() => String, { description: 'A message that can be shown to the user.' })
  message!: string;
}
