import { ContainerModule } from 'inversify';
import { AccountRegistrar } from './application/account-registrar.js';
import { CreateAdminHandler } from './application/commands/create-admin.command.js';
import { LoginHandler } from './application/commands/login.command.js';
import { LogoutHandler } from './application/commands/logout.command.js';
import { LogoutEverywhereHandler } from './application/commands/logout-everywhere.command.js';
import { RefreshSessionHandler } from './application/commands/refresh-session.command.js';
import { RegisterUserHandler } from './application/commands/register-user.command.js';
import { LOGIN_ATTEMPT_LOG } from './application/ports/login-attempt.log.js';
import { SESSION_REPOSITORY } from './application/ports/session.repository.js';
import { SESSION_SECRETS } from './application/ports/session-secrets.js';
import { USER_READ_MODEL } from './application/ports/user.read-model.js';
import { USER_REPOSITORY } from './application/ports/user.repository.js';
import { AuthenticateHandler } from './application/queries/authenticate.query.js';
import { GetUsersByIdsHandler } from './application/queries/get-users-by-ids.query.js';
import { ListUsersHandler } from './application/queries/list-users.query.js';
import { SessionStarter } from './application/session-starter.js';
import { AuthResolver } from './graphql/auth.resolver.js';
import { UserResolver } from './graphql/user.resolver.js';
import { DrizzleLoginAttemptLog } from './infrastructure/drizzle-login-attempt.log.js';
import { DrizzleSessionRepository } from './infrastructure/drizzle-session.repository.js';
import { DrizzleUserReadModel } from './infrastructure/drizzle-user.read-model.js';
import { DrizzleUserRepository } from './infrastructure/drizzle-user.repository.js';
import { RandomSessionSecrets } from './infrastructure/random-session-secrets.js';

/**
 * Identity's bindings. The password hasher, access tokens and settings depend on
 * configuration and are bound by the composition root (PASSWORD_HASHER, ACCESS_TOKENS,
 * IDENTITY_SETTINGS).
 */
export const identityModule = new ContainerModule(({ bind }) => {
  bind(USER_REPOSITORY).to(DrizzleUserRepository);
  bind(SESSION_REPOSITORY).to(DrizzleSessionRepository);
  bind(LOGIN_ATTEMPT_LOG).to(DrizzleLoginAttemptLog);
  bind(USER_READ_MODEL).to(DrizzleUserReadModel);
  bind(SESSION_SECRETS).to(RandomSessionSecrets);
  bind(AccountRegistrar).toSelf();
  bind(SessionStarter).toSelf();
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
