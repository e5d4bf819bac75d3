import { inject, injectable } from 'inversify';
import { Query, Resolver } from 'type-graphql';
import { GetServiceContextHandler, type ServiceContextView } from '../application/index.js';
import { ServiceContextType } from './service-context.type.js';

@injectable()
@Resolver(() => ServiceContextType)
export class ServiceContextResolver {
  constructor(
    @inject(GetServiceContextHandler) private readonly getServiceContext: GetServiceContextHandler,
  ) {}

  @Query(() => ServiceContextType, {
    description: 'Service status. Always answers, in maintenance mode too.',
  })
  serviceContext(): ServiceContextView {
    return this.getServiceContext.execute();
  }
}
