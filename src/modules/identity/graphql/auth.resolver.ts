import { inject, injectable } from 'inversify';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { rateLimited } from '#shared/graphql/errors.js';
import { toUserErrors } from '#shared/graphql/user-error.type.js';
import {
  type AuthView,
  LoginHandler,
  LoginThrottled,
  LogoutEverywhereHandler,
  LogoutHandler,
  RefreshSessionHandler,
  RegisterUserHandler,
} from '../application/index.js';
import { LoginInput, RegisterInput } from './auth.inputs.js';
import {
  type AuthResult,
  LoginPayloadType,
  LogoutEverywherePayloadType,
  LogoutPayloadType,
  RefreshSessionPayloadType,
  RegisterPayloadType,
} from './auth.types.js';

/** The payload; a user who just proved who they are may see their own account's fields. */
function toAuthResult(
  result: Result<AuthView, DomainError | DomainError[]>,
  context: GraphQLContext,
): AuthResult {
  if (!result.ok) {
    return { auth: null, userErrors: toUserErrors([result.error].flat()) };
  }
  context.provenUserIds.add(result.value.user.id);
  return { auth: result.value, userErrors: [] };
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
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Ctx() context: GraphQLContext,
  ): Promise<AuthResult> {
    return toAuthResult(await this.registerUser.execute(input), context);
  }

  @Mutation(() => LoginPayloadType, {
    description: 'Sign in. After 10 failures for one email in 15 minutes: RATE_LIMITED.',
  })
  async login(
    @Arg('input', () => LoginInput) input: LoginInput,
    @Ctx() context: GraphQLContext,
  ): Promise<AuthResult> {
    const result = await this.loginUser.execute(input);
    if (!result.ok && result.error instanceof LoginThrottled) {
      const seconds = result.error.retryAfterSeconds;
      throw rateLimited(`Too many failed sign-in attempts. Try again in ${seconds} s.`, seconds);
    }
    return toAuthResult(result as Result<AuthView, DomainError>, context);
  }

  @Mutation(() => RefreshSessionPayloadType, {
    description: 'Exchange a session token for new tokens. The old session token stops working.',
  })
  async refreshSession(
    @Arg('sessionToken', () => String) sessionToken: string,
    @Ctx() context: GraphQLContext,
  ): Promise<AuthResult> {
    return toAuthResult(await this.refresh.execute({ sessionToken }), context);
  }

  @Mutation(() => LogoutPayloadType, { description: 'End the sign-in this session token is from.' })
  async logout(@Arg('sessionToken', () => String) sessionToken: string) {
    const result = await this.logoutSession.execute({ sessionToken });
    return result.ok
      ? { success: true, userErrors: [] }
      : { success: false, userErrors: toUserErrors([result.error]) };
  }

  @Mutation(() => LogoutEverywherePayloadType, { description: "End all of the viewer's sessions." })
  async logoutEverywhere(@CurrentViewer() viewer: Viewer) {
    return { endedSessions: await this.logoutAll.execute({ userId: viewer.userId }) };
  }
}
