import { randomBytes } from 'node:crypto';
import { ContainerModule } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { CreateAdminHandler } from './application/commands/create-admin.command.js';
import { LoginHandler } from './application/commands/login.command.js';
import { LogoutHandler } from './application/commands/logout.command.js';
import { LogoutEverywhereHandler } from './application/commands/logout-everywhere.command.js';
import { PurgeExpiredHandler } from './application/commands/purge-expired.command.js';
import { RefreshSessionHandler } from './application/commands/refresh-session.command.js';
import { RegisterUserHandler } from './application/commands/register-user.command.js';
import { ACCESS_TOKENS } from './application/ports/access-tokens.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './application/ports/identity.settings.js';
import { LOGIN_ATTEMPT_LOG } from './application/ports/login-attempt.log.js';
import { PASSWORD_HASHER } from './application/ports/password-hasher.js';
import { SESSION_REPOSITORY } from './application/ports/session.repository.js';
import { SESSION_SECRETS } from './application/ports/session-secrets.js';
import { USER_READ_MODEL } from './application/ports/user.read-model.js';
import { USER_REPOSITORY } from './application/ports/user.repository.js';
import { AuthenticateHandler } from './application/queries/authenticate.query.js';
import { GetUsersByIdsHandler } from './application/queries/get-users-by-ids.query.js';
import { ListUsersHandler } from './application/queries/list-users.query.js';
import { AccountRegistrar } from './application/services/account-registrar.js';
import { PresentedSessions } from './application/services/presented-sessions.js';
import { SessionRevoker } from './application/services/session-revoker.js';
import { SessionStarter } from './application/services/session-starter.js';
import { AuthResolver } from './graphql/auth.resolver.js';
import { UserResolver } from './graphql/user.resolver.js';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher.js';
import { DrizzleLoginAttemptLog } from './infrastructure/drizzle-login-attempt.log.js';
import { DrizzleSessionRepository } from './infrastructure/drizzle-session.repository.js';
import { DrizzleUserReadModel } from './infrastructure/drizzle-user.read-model.js';
import { DrizzleUserRepository } from './infrastructure/drizzle-user.repository.js';
import { JoseAccessTokens } from './infrastructure/jose-access-tokens.js';
import { RandomSessionSecrets } from './infrastructure/random-session-secrets.js';

export type IdentityConfig = Pick<
  Config,
  | 'jwtSecret'
  | 'jwtIssuer'
  | 'jwtAudience'
  | 'accessTokenTtlSeconds'
  | 'sessionTtlDays'
  | 'sessionIdleDays'
  | 'argon2MemoryKib'
  | 'argon2TimeCost'
  | 'login'
>;

const DAY_MS = 86_400_000;

/** Identity's bindings, with the adapters its configuration shapes: hashing, tokens, lifetimes. */
export function identityModule(config: IdentityConfig, logger: Logger): ContainerModule {
  const settings: IdentitySettings = {
    sessions: {
      absoluteMs: config.sessionTtlDays * DAY_MS,
      idleMs: config.sessionIdleDays * DAY_MS,
    },
    login: {
      windowMs: 15 * 60_000,
      perAccount: {
        freeFailures: config.login.failuresPerAccount,
        maxDelayMs: config.login.maxDelaySeconds * 1000,
      },
      perAddress: {
        freeFailures: config.login.failuresPerAddress,
        maxDelayMs: config.login.maxDelaySeconds * 1000,
      },
    },
  };
  const secret = config.jwtSecret ?? randomBytes(32).toString('base64url');
  if (!config.jwtSecret) {
    logger.warn('JWT_SECRET is not set: access tokens use a key made at start and end with it');
  }
  return new ContainerModule(({ bind }) => {
    bind(IDENTITY_SETTINGS).toConstantValue(settings);
    bind(PurgeExpiredHandler).toSelf();
    bind(PASSWORD_HASHER).toConstantValue(
      new Argon2PasswordHasher({
        memoryCost: config.argon2MemoryKib,
        timeCost: config.argon2TimeCost,
        parallelism: 1,
      }),
    );
    bind(ACCESS_TOKENS).toDynamicValue(
      (context) =>
        new JoseAccessTokens(
          {
            secret,
            issuer: config.jwtIssuer,
            audience: config.jwtAudience,
            ttlSeconds: config.accessTokenTtlSeconds,
          },
          context.get<Clock>(CLOCK),
        ),
    );
    bind(USER_REPOSITORY).to(DrizzleUserRepository);
    bind(SESSION_REPOSITORY).to(DrizzleSessionRepository);
    bind(LOGIN_ATTEMPT_LOG).to(DrizzleLoginAttemptLog);
    bind(USER_READ_MODEL).to(DrizzleUserReadModel);
    bind(SESSION_SECRETS).to(RandomSessionSecrets);
    bind(AccountRegistrar).toSelf();
    bind(SessionStarter).toSelf();
    bind(PresentedSessions).toSelf();
    bind(SessionRevoker).toSelf();
    bind(RegisterUserHandler).toSelf();
    bind(CreateAdminHandler).toSelf();
    bind(LoginHandler).toSelf();
    bind(RefreshSessionHandler).toSelf();
    bind(LogoutHandler).toSelf();
    bind(LogoutEverywhereHandler).toSelf();
    bind(AuthenticateHandler).toSelf();
    bind(GetUsersByIdsHandler).toSelf();
    bind(ListUsersHandler).toSelf();
    bind(AuthResolver).toSelf();
    bind(UserResolver).toSelf();
  });
}
