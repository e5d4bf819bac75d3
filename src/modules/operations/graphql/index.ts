import { ServiceContextResolver } from './service-context.resolver.js';

export { MAINTENANCE_EXEMPT_FIELDS } from './maintenance-exempt-fields.js';

export const operationsResolvers = [ServiceContextResolver] as const;
