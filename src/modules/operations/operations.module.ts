import { ContainerModule } from 'inversify';
import { LIVE_TOPIC } from '#shared/graphql/live.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { SetMaintenanceModeHandler } from './application/commands/set-maintenance-mode.command.js';
import { MAINTENANCE_MODE_REPOSITORY } from './application/ports/maintenance-mode.repository.js';
import {
  OPERATIONS_SETTINGS,
  type OperationsSettings,
} from './application/ports/operations.settings.js';
import { FollowServiceContextHandler } from './application/queries/follow-service-context.query.js';
import { GetServiceContextHandler } from './application/queries/get-service-context.query.js';
import { MaintenanceMonitor } from './application/services/maintenance-monitor.js';
import { ServiceContextResolver, ServiceContextTopic } from './graphql/service-context.resolver.js';
import { DrizzleMaintenanceModeRepository } from './infrastructure/drizzle-maintenance-mode.repository.js';

export type OperationsConfig = Pick<Config, 'maintenancePollMs'>;

/** Operations' bindings: maintenance mode, shared through the database and polled. */
export function operationsModule(config: OperationsConfig, logger: Logger): ContainerModule {
  const settings: OperationsSettings = {
    pollIntervalMs: config.maintenancePollMs,
    onPollError: (error) => logger.warn({ err: error }, 'could not refresh maintenance mode'),
  };
  return new ContainerModule(({ bind }) => {
    bind(OPERATIONS_SETTINGS).toConstantValue(settings);
    bind(MAINTENANCE_MODE_REPOSITORY).to(DrizzleMaintenanceModeRepository);
    bind(MaintenanceMonitor).toSelf();
    bind(GetServiceContextHandler).toSelf();
    bind(FollowServiceContextHandler).toSelf();
    bind(LIVE_TOPIC).to(ServiceContextTopic);
    bind(SetMaintenanceModeHandler).toSelf();
    bind(ServiceContextResolver).toSelf();
  });
}
