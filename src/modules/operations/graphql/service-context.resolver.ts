import { inject, injectable } from 'inversify';
import { Arg, Authorized, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '#modules/identity/application/index.js';
import { toGraphQLError } from '#shared/graphql/errors.js';
import { type LiveRequest, type LiveTopic, liveRequest } from '#shared/graphql/live.js';
import { MaintenanceExempt } from '#shared/graphql/maintenance-exempt.decorator.js';
import {
  FollowServiceContextHandler,
  GetServiceContextHandler,
  type ServiceContextView,
  SetMaintenanceModeHandler,
} from '../application/index.js';
import { ServiceContextType } from './service-context.type.js';

const SERVICE_CONTEXT_CHANGED = 'serviceContextChanged';

@injectable()
@Resolver(() => ServiceContextType)
export class ServiceContextResolver {
  constructor(
    @inject(GetServiceContextHandler) private readonly getServiceContext: GetServiceContextHandler,
    @inject(SetMaintenanceModeHandler) private readonly setMode: SetMaintenanceModeHandler,
  ) {}

  @MaintenanceExempt()
  @Query(() => ServiceContextType, {
    description: 'Service status. Always answers, in maintenance mode too.',
  })
  serviceContext(): ServiceContextView {
    return this.getServiceContext.execute();
  }

  @Authorized(Role.Admin)
  @MaintenanceExempt()
  @Mutation(() => ServiceContextType, {
    description: 'Turn maintenance mode on or off (admins only). Works in maintenance mode.',
  })
  setMaintenanceMode(
    @Arg('enabled', () => Boolean, {
      description: 'True to refuse client operations, false to serve them.',
    })
    enabled: boolean,
  ): Promise<ServiceContextView> {
    return this.setMode.execute({ enabled });
  }

  @MaintenanceExempt()
  @Subscription(() => ServiceContextType, {
    topics: SERVICE_CONTEXT_CHANGED,
    topicId: liveRequest,
    description:
      'The service status each time maintenance mode is switched, on any replica (over WebSocket, graphql-ws). Anyone may subscribe, in maintenance mode too.',
  })
  serviceContextChanged(@Root() context: ServiceContextView): ServiceContextView {
    return context;
  }
}

/** The source of `serviceContextChanged`. */
@injectable()
export class ServiceContextTopic implements LiveTopic {
  readonly name = SERVICE_CONTEXT_CHANGED;

  constructor(
    @inject(FollowServiceContextHandler) private readonly follow: FollowServiceContextHandler,
  ) {}

  async open({ context }: LiveRequest): Promise<AsyncIterableIterator<unknown>> {
    if (!context.live) {
      throw new Error('serviceContextChanged runs on a WebSocket connection.');
    }
    const followed = await this.follow.execute({ bounds: context.live.bounds });
    if (!followed.ok) {
      throw toGraphQLError(followed.error);
    }
    return followed.value;
  }
}
