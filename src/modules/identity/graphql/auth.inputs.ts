import { Field, InputType } from 'type-graphql';

@InputType('RegisterInput')
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: '12 to 128 characters.' })
  password!: string;

  @Field(() => String, { description: '1 to 80 characters.' })
  displayName!: string;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
