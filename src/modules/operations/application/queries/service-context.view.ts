import type { DatabaseKind, RuntimeInfo } from '#shared/application/runtime-info.js';
import type { MaintenanceMode } from '../../domain/maintenance-mode.js';

export interface ServiceContextView {
  readonly maintenance: boolean;
  readonly maintenanceChangedAt: Date | null;
  readonly version: string;
  readonly startedAt: Date;
  readonly database: DatabaseKind;
}

export function toServiceContextView(
  mode: MaintenanceMode,
  runtime: RuntimeInfo,
): ServiceContextView {
  return {
    maintenance: mode.enabled,
    maintenanceChangedAt: mode.changedAt,
    version: runtime.version,
    startedAt: runtime.startedAt,
    database: runtime.database,
  };
}
