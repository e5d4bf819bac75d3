import { ServiceContextResolver } from './service-context.resolver.js';

export { maintenancePlugin } from './maintenance.plugin.js';

export const operationsResolvers = [ServiceContextResolver] as const;
