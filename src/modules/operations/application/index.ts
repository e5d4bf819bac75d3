// The operations module's public API: what other modules and the composition root may use.

export type { SetMaintenanceModeCommand } from './commands/set-maintenance-mode.command.js';
export { SetMaintenanceModeHandler } from './commands/set-maintenance-mode.command.js';
export type { FollowServiceContextQuery } from './queries/follow-service-context.query.js';
export { FollowServiceContextHandler } from './queries/follow-service-context.query.js';
export type { GetServiceContextQuery } from './queries/get-service-context.query.js';
export { GetServiceContextHandler } from './queries/get-service-context.query.js';
export type { ServiceContextView } from './queries/service-context.view.js';
export { MaintenanceMonitor } from './services/maintenance-monitor.js';
