import { Field, InputType } from 'type-graphql';

@InputType('RegisterInput', {
  description:
    'A new account. Errors: INVALID_EMAIL, EMAIL_TAKEN, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, INVALID_PASSWORD, INVALID_DISPLAY_NAME.',
})
export class RegisterInput {
  @Field(() => String, { description: 'An email address; trimmed and lower-cased.' })
  email!: string;

  @Field(() => String, { description: '12 to 128 characters.' })
  password!: string;

  @Field(() => String, { description: '1 to 80 characters.' })
  displayName!: string;
}

@InputType('LoginInput', {
  description: 'Credentials. A failure is INVALID_CREDENTIALS, whichever was wrong.',
})
export class LoginInput {
  @Field(() => String, { description: "The account's email, in any case." })
  email!: string;

  @Field(() => String, { description: "The account's password." })
  password!: string;
}
