import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { RUNTIME_INFO, type RuntimeInfo } from '#shared/application/runtime-info.js';
import {
  MAINTENANCE_MODE_REPOSITORY,
  type MaintenanceModeRepository,
} from '../ports/maintenance-mode.repository.js';
import { type ServiceContextView, toServiceContextView } from '../queries/service-context.view.js';
import { MaintenanceMonitor } from '../services/maintenance-monitor.js';

export interface SetMaintenanceModeCommand {
  readonly enabled: boolean;
}

@injectable()
export class SetMaintenanceModeHandler {
  constructor(
    @inject(MAINTENANCE_MODE_REPOSITORY) private readonly repository: MaintenanceModeRepository,
    @inject(MaintenanceMonitor) private readonly monitor: MaintenanceMonitor,
    @inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SetMaintenanceModeCommand): Promise<ServiceContextView> {
    // Start from the stored state, not this replica's possibly stale copy.
    const stored = await this.repository.load();
    const next = stored.switchTo(command.enabled, this.clock.now());
    this.monitor.accept(next === stored ? stored : await this.repository.save(next));
    return toServiceContextView(this.monitor.current, this.runtime);
  }
}
