import type { DatabaseKind } from '#shared/application/runtime-info.js';

export interface ServiceContextView {
  readonly maintenance: boolean;
  readonly maintenanceChangedAt: Date | null;
  readonly version: string;
  readonly startedAt: Date;
  readonly database: DatabaseKind;
}
