import { inject, injectable } from 'inversify';
import {
  EVENT_STREAM,
  type EventStream,
  type FollowBounds,
  mapEvents,
} from '#shared/application/event-stream.js';
import { RUNTIME_INFO, type RuntimeInfo } from '#shared/application/runtime-info.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { MaintenanceMode } from '../../domain/maintenance-mode.js';
import { MAINTENANCE_SWITCHED } from '../../domain/operations.events.js';
import { type ServiceContextView, toServiceContextView } from './service-context.view.js';

export interface FollowServiceContextQuery {
  readonly bounds: FollowBounds;
}

const TYPES: ReadonlySet<string> = new Set([MAINTENANCE_SWITCHED]);

/** The service context each time maintenance mode is switched, on any replica. */
@injectable()
export class FollowServiceContextHandler {
  constructor(
    @inject(EVENT_STREAM) private readonly stream: EventStream,
    @inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
  ) {}

  async execute(
    query: FollowServiceContextQuery,
  ): Promise<Result<AsyncIterableIterator<ServiceContextView>, DomainError>> {
    const followed = await this.stream.follow({
      audience: null,
      types: TYPES,
      after: null,
      bounds: query.bounds,
    });
    if (!followed.ok) {
      return followed;
    }
    return ok(
      mapEvents(followed.value, (event) =>
        toServiceContextView(
          MaintenanceMode.restore(event.payload.maintenance === true, event.occurredAt),
          this.runtime,
        ),
      ),
    );
  }
}
