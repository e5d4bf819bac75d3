import type { MaintenanceMode } from '../../domain/maintenance-mode.js';

export interface MaintenanceModeRepository {
  load(): Promise<MaintenanceMode>;
  save(mode: MaintenanceMode): Promise<void>;
}

export const MAINTENANCE_MODE_REPOSITORY = Symbol('operations.MaintenanceModeRepository');
