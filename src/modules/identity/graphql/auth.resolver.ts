import { inject, injectable } from 'inversify';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { MaintenanceExempt } from '#shared/graphql/maintenance-exempt.decorator.js';
import { payloadOf } from '#shared/graphql/payload.js';
import {
  type AuthView,
  LoginHandler,
  LogoutEverywhereHandler,
  LogoutHandler,
  RefreshSessionHandler,
  RegisterUserHandler,
} from '../application/index.js';
import { LoginInput, RegisterInput } from './auth.inputs.js';
import {
  LoginPayloadType,
  LogoutEverywherePayloadType,
  LogoutPayloadType,
  RefreshSessionPayloadType,
  RegisterPayloadType,
} from './auth.payloads.js';

/** The payload; a user who just proved who they are may see their own account's fields. */
function signedIn(result: Result<AuthView, DomainError | DomainError[]>, context: GraphQLContext) {
  if (result.ok) {
    context.provenUserIds.add(result.value.user.id);
  }
  return payloadOf('auth', result);
}

@injectable()
@Resolver()
export class AuthResolver {
  constructor(
    @inject(RegisterUserHandler) private readonly registerUser: RegisterUserHandler,
    @inject(LoginHandler) private readonly loginUser: LoginHandler,
    @inject(RefreshSessionHandler) private readonly refresh: RefreshSessionHandler,
    @inject(LogoutHandler) private readonly logoutSession: LogoutHandler,
    @inject(LogoutEverywhereHandler) private readonly logoutAll: LogoutEverywhereHandler,
  ) {}

  @Mutation(() => RegisterPayloadType, { description: 'Create an account and sign it in.' })
  async register(
    @Arg('input', () => RegisterInput, { description: 'Email, password and display name.' })
    input: RegisterInput,
    @Ctx() context: GraphQLContext,
  ) {
    return signedIn(await this.registerUser.execute(input), context);
  }

  // An admin must be able to sign in to turn maintenance mode off.
  @MaintenanceExempt()
  @Mutation(() => LoginPayloadType, {
    description:
      'Sign in. After repeated failures from one address (5 for one email, 20 over any), further attempts from there wait longer and longer: RATE_LIMITED with retryAfterSeconds.',
  })
  async login(
    @Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput,
    @Ctx() context: GraphQLContext,
  ) {
    const attempt = { ...input, clientAddress: context.clientAddress };
    return signedIn(await this.loginUser.execute(attempt), context);
  }

  @MaintenanceExempt()
  @Mutation(() => RefreshSessionPayloadType, {
    description: 'Exchange a session token for new tokens. The old session token stops working.',
  })
  async refreshSession(
    @Arg('sessionToken', () => String, {
      description: 'The latest session token; each works once.',
    })
    sessionToken: string,
    @Ctx() context: GraphQLContext,
  ) {
    return signedIn(await this.refresh.execute({ sessionToken }), context);
  }

  @Mutation(() => LogoutPayloadType, { description: 'End the sign-in this session token is from.' })
  async logout(
    @Arg('sessionToken', () => String, { description: 'A session token of the sign-in to end.' })
    sessionToken: string,
  ) {
    return payloadOf('success', await this.logoutSession.execute({ sessionToken }), false);
  }

  @Mutation(() => LogoutEverywherePayloadType, { description: "End all of the viewer's sessions." })
  async logoutEverywhere(@CurrentViewer() viewer: Viewer) {
    return { endedSessions: await this.logoutAll.execute({ userId: viewer.userId }) };
  }
}
