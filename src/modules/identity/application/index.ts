// The identity module's public API: what other modules and the composition root may use.

export { IdentityErrorCode, LoginThrottled } from '../domain/identity.errors.js';
export { SESSIONS_REVOKED, type SessionsRevoked } from '../domain/identity.events.js';
export { Role } from '../domain/role.js';
export type { CreateAdminCommand } from './commands/create-admin.command.js';
export { CreateAdminHandler } from './commands/create-admin.command.js';
export type { LoginCommand } from './commands/login.command.js';
export { LoginHandler } from './commands/login.command.js';
export type { LogoutCommand } from './commands/logout.command.js';
export { LogoutHandler } from './commands/logout.command.js';
export type { LogoutEverywhereCommand } from './commands/logout-everywhere.command.js';
export { LogoutEverywhereHandler } from './commands/logout-everywhere.command.js';
export type { PurgeExpiredCommand, PurgeOutcome } from './commands/purge-expired.command.js';
export { PurgeExpiredHandler } from './commands/purge-expired.command.js';
export type { RefreshSessionCommand } from './commands/refresh-session.command.js';
export { RefreshSessionHandler } from './commands/refresh-session.command.js';
export type { RegisterUserCommand } from './commands/register-user.command.js';
export { RegisterUserHandler } from './commands/register-user.command.js';
export type { AuthView } from './queries/auth.view.js';
export type { AuthenticatedViewer, AuthenticateQuery } from './queries/authenticate.query.js';
export { AuthenticateHandler } from './queries/authenticate.query.js';
export type { GetUsersByIdsQuery } from './queries/get-users-by-ids.query.js';
export { GetUsersByIdsHandler } from './queries/get-users-by-ids.query.js';
export type { ListUsersQuery } from './queries/list-users.query.js';
export { ListUsersHandler } from './queries/list-users.query.js';
export type { UserView } from './queries/user.view.js';
export type { UserListView } from './queries/user-list.view.js';
