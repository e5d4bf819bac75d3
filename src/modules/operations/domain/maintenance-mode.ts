/** Whether the service refuses client traffic, and since when. Shared by every replica. */
export class MaintenanceMode {
  private constructor(
    readonly enabled: boolean,
    readonly changedAt: Date | null,
  ) {}

  static readonly initial = new MaintenanceMode(false, null);

  static restore(enabled: boolean, changedAt: Date | null): MaintenanceMode {
    return new MaintenanceMode(enabled, changedAt);
  }

  /** Switching to the state already in force keeps the original change time. */
  switchTo(enabled: boolean, at: Date): MaintenanceMode {
    return enabled === this.enabled ? this : new MaintenanceMode(enabled, at);
  }
}
