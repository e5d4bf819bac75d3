import './user-error-code.enum.js';
import { AuthResolver } from './auth.resolver.js';
import { UserResolver } from './user.resolver.js';

export { createIdentityLoaders } from './user.loaders.js';

export const identityResolvers = [AuthResolver, UserResolver] as const;
