import { ServiceContextResolver } from './service-context.resolver.js';

export {
  MAINTENANCE_RETRY_AFTER_SECONDS,
  maintenancePlugin,
  refusedInMaintenance,
} from './maintenance.plugin.js';

export const operationsResolvers = [ServiceContextResolver] as const;
