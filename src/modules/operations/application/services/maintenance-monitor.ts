import { inject, injectable } from 'inversify';
import type { EventStream } from '#shared/application/event-stream.js';
import { MaintenanceMode } from '../../domain/maintenance-mode.js';
import { MAINTENANCE_SWITCHED } from '../../domain/operations.events.js';
import {
  MAINTENANCE_MODE_REPOSITORY,
  type MaintenanceModeRepository,
} from '../ports/maintenance-mode.repository.js';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../ports/operations.settings.js';

/**
 * This replica's view of maintenance mode: answered from memory on every request, kept
 * fresh by polling the database, and updated at once by changes made here.
 */
@injectable()
export class MaintenanceMonitor {
  private mode: MaintenanceMode = MaintenanceMode.initial;
  private timer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;

  constructor(
    @inject(MAINTENANCE_MODE_REPOSITORY) private readonly repository: MaintenanceModeRepository,
    @inject(OPERATIONS_SETTINGS) private readonly options: OperationsSettings,
  ) {}

  get current(): MaintenanceMode {
    return this.mode;
  }

  async refresh(): Promise<MaintenanceMode> {
    this.mode = await this.repository.load();
    return this.mode;
  }

  accept(mode: MaintenanceMode): void {
    this.mode = mode;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => {
      this.refresh().catch(this.options.onPollError);
    }, this.options.pollIntervalMs);
    this.timer.unref();
  }

  /**
   * Reads the state again whenever any replica switches it (MaintenanceSwitched from the
   * event stream): every replica follows within the relay's delay instead of the poll's.
   */
  followSwitches(stream: EventStream): void {
    this.unwatch?.();
    this.unwatch = stream.watch(null, new Set([MAINTENANCE_SWITCHED]), () => {
      this.refresh().catch(this.options.onPollError);
    });
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = null;
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
