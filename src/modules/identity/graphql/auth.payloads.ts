import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { UserErrorType } from '#shared/graphql/user-error.type.js';
import type { AuthView, UserView } from '../application/index.js';
import { UserType } from './user.type.js';

@ObjectType('AuthPayload', { description: 'Tokens for a signed-in user.' })
class AuthPayloadType {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    description: 'Opaque; exchange it with refreshSession before the access token expires.',
  })
  sessionToken!: string;

  @Field(() => UserType)
  user!: UserView;
}

/** Tokens on success, or what went wrong: shared by the payloads that sign in. */
@ObjectType()
abstract class AuthResultType {
  @Field(() => AuthPayloadType, {
    nullable: true,
    description: 'Null when userErrors is not empty.',
  })
  auth!: AuthView | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType('RegisterPayload')
export class RegisterPayloadType extends AuthResultType {}

@ObjectType('LoginPayload')
export class LoginPayloadType extends AuthResultType {}

@ObjectType('RefreshSessionPayload')
export class RefreshSessionPayloadType extends AuthResultType {}

@ObjectType('LogoutPayload')
export class LogoutPayloadType {
  @Field(() => Boolean)
  success!: boolean;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType('LogoutEverywherePayload')
export class LogoutEverywherePayloadType {
  @Field(() => Int, { description: 'How many sessions were still open.' })
  endedSessions!: number;
}
