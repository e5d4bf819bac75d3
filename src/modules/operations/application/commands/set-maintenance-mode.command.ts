import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { EVENT_PUBLISHER, type EventPublisher } from '#shared/application/domain-events.js';
import { RUNTIME_INFO, type RuntimeInfo } from '#shared/application/runtime-info.js';
import {
  TRANSACTION_RUNNER,
  type TransactionRunner,
} from '#shared/application/transaction-runner.js';
import type { MaintenanceSwitched } from '../../domain/operations.events.js';
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
    @inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @inject(TRANSACTION_RUNNER) private readonly transaction: TransactionRunner,
  ) {}

  async execute(command: SetMaintenanceModeCommand): Promise<ServiceContextView> {
    const state = await this.transaction.run(async () => {
      // Start from the stored state, not this replica's possibly stale copy.
      const stored = await this.repository.load();
      const at = this.clock.now();
      const next = stored.switchTo(command.enabled, at);
      if (next === stored) {
        return stored;
      }
      const saved = await this.repository.save(next);
      const switched: MaintenanceSwitched = {
        type: 'MaintenanceSwitched',
        maintenance: command.enabled,
        at,
      };
      await this.events.publish([switched], null);
      return saved;
    });
    this.monitor.accept(state);
    return toServiceContextView(this.monitor.current, this.runtime);
  }
}
