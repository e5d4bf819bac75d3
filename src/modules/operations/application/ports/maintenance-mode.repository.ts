import type { MaintenanceMode } from '../../domain/maintenance-mode.js';

export interface MaintenanceModeRepository {
  load(): Promise<MaintenanceMode>;
  /** Stores the switch; resolves to the state as stored, which a concurrent writer may have set. */
  save(mode: MaintenanceMode): Promise<MaintenanceMode>;
}

export const MAINTENANCE_MODE_REPOSITORY = Symbol('operations.MaintenanceModeRepository');
