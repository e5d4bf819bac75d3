/** What happened to the service as a whole; recorded for everyone (no audience). */
export interface MaintenanceSwitched {
  readonly type: 'MaintenanceSwitched';
  readonly maintenance: boolean;
  readonly at: Date;
}

export const MAINTENANCE_SWITCHED = 'MaintenanceSwitched';
