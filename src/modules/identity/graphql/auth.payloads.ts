import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { AuthView, UserView } from '../application/index.js';
import { UserType } from './user.type.js';

@ObjectType('AuthPayload', {
  simpleResolvers: true,
  description: 'Tokens for a signed-in user.',
})
class AuthPayloadType {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the access token stops working.' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    description: 'Opaque; exchange it with refreshSession before the access token expires.',
  })
  sessionToken!: string;

  @Field(() => UserType, { description: 'Who signed in.' })
  user!: UserView;
}

/** Tokens on success, or what went wrong: shared by the payloads that sign in. */
@ObjectType({ simpleResolvers: true })
abstract class AuthResultType {
  @Field(() => AuthPayloadType, {
    nullable: true,
    description: 'Null when userErrors is not empty.',
  })
  auth!: AuthView | null;

  @Field(() => [UserErrorType], { description: 'Why it failed; empty on success.' })
  userErrors!: UserErrorType[];
}

@ObjectType('RegisterPayload', {
  simpleResolvers: true,
  description: 'The outcome of register: signed in on success.',
})
export class RegisterPayloadType extends AuthResultType {}

@ObjectType('LoginPayload', {
  simpleResolvers: true,
  description: 'The outcome of login.',
})
export class LoginPayloadType extends AuthResultType {}

@ObjectType('RefreshSessionPayload', {
  simpleResolvers: true,
  description:
    'The outcome of refreshSession. Errors: INVALID_SESSION, SESSION_EXPIRED, SESSION_REVOKED, SESSION_REUSED.',
})
export class RefreshSessionPayloadType extends AuthResultType {}

@ObjectType('LogoutPayload', {
  simpleResolvers: true,
  description: 'The outcome of logout.',
})
export class LogoutPayloadType {
  @Field(() => Boolean, { description: 'True once the sign-in has ended.' })
  success!: boolean;

  @Field(() => [UserErrorType], { description: 'Why it failed; empty on success.' })
  userErrors!: UserErrorType[];
}

@ObjectType('LogoutEverywherePayload', {
  simpleResolvers: true,
  description: 'The outcome of logoutEverywhere.',
})
export class LogoutEverywherePayloadType {
  @Field(() => Int, { description: 'How many sessions were still open.' })
  endedSessions!: number;
}
