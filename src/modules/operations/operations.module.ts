import { ContainerModule } from 'inversify';
import { SetMaintenanceModeHandler } from './application/commands/set-maintenance-mode.command.js';
import { MaintenanceMonitor } from './application/maintenance-monitor.js';
import { MAINTENANCE_MODE_REPOSITORY } from './application/ports/maintenance-mode.repository.js';
import { GetServiceContextHandler } from './application/queries/get-service-context.query.js';
import { ServiceContextResolver } from './graphql/service-context.resolver.js';
import { DrizzleMaintenanceModeRepository } from './infrastructure/drizzle-maintenance-mode.repository.js';

export const operationsModule = new ContainerModule(({ bind }) => {
  bind(MAINTENANCE_MODE_REPOSITORY).to(DrizzleMaintenanceModeRepository).inSingletonScope();
  bind(MaintenanceMonitor).toSelf().inSingletonScope();
  bind(GetServiceContextHandler).toSelf().inSingletonScope();
  bind(SetMaintenanceModeHandler).toSelf().inSingletonScope();
  bind(ServiceContextResolver).toSelf().inSingletonScope();
});
