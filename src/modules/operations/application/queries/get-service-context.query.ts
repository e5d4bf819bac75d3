import { inject, injectable } from 'inversify';
import { RUNTIME_INFO, type RuntimeInfo } from '#shared/application/runtime-info.js';
import { MaintenanceMonitor } from '../services/maintenance-monitor.js';
import { type ServiceContextView, toServiceContextView } from './service-context.view.js';

export type GetServiceContextQuery = Record<string, never>;

@injectable()
export class GetServiceContextHandler {
  constructor(
    @inject(MaintenanceMonitor) private readonly monitor: MaintenanceMonitor,
    @inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
  ) {}

  execute(_query: GetServiceContextQuery = {}): ServiceContextView {
    return toServiceContextView(this.monitor.current, this.runtime);
  }
}
