import { inject, injectable } from 'inversify';
import { Arg, Authorized, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '#modules/identity/application/index.js';
import { MaintenanceExempt } from '#shared/graphql/maintenance-exempt.decorator.js';
import {
  GetServiceContextHandler,
  type ServiceContextView,
  SetMaintenanceModeHandler,
} from '../application/index.js';
import { ServiceContextType } from './service-context.type.js';

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
}
