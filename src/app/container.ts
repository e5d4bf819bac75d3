import type { Tracer } from '@opentelemetry/api';
import { Container } from 'inversify';
import type { Registry } from 'prom-client';
import { identityModule } from '#modules/identity/identity.module.js';
import { inferenceModule } from '#modules/inference/inference.module.js';
import { operationsModule } from '#modules/operations/operations.module.js';
import { todosModule } from '#modules/todos/todos.module.js';
import { CANCELLATION } from '#shared/application/cancellation.js';
import { CLOCK } from '#shared/application/clock.js';
import { EVENT_PUBLISHER } from '#shared/application/domain-events.js';
import { EXCLUSIVE_RUNNER } from '#shared/application/exclusive-runner.js';
import { ID_GENERATOR } from '#shared/application/id-generator.js';
import { READINESS_CHECK } from '#shared/application/readiness.js';
import { RUNTIME_INFO, type RuntimeInfo } from '#shared/application/runtime-info.js';
import { TRANSACTION_RUNNER } from '#shared/application/transaction-runner.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import { AdvisoryLockRunner } from '#shared/infrastructure/database/advisory-lock-runner.js';
import type { DatabaseHandle } from '#shared/infrastructure/database/database.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { DatabaseReadiness } from '#shared/infrastructure/database/database-readiness.js';
import { DATABASE } from '#shared/infrastructure/database/tokens.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import {
  createMetricsRegistry,
  METRICS_REGISTRY,
} from '#shared/infrastructure/metrics-registry.js';
import { Outbox } from '#shared/infrastructure/outbox/outbox.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { RandomUuids } from '#shared/infrastructure/random-ids.js';
import { requestCancellation } from '#shared/infrastructure/request-cancellation.js';
import { SystemClock } from '#shared/infrastructure/system-clock.js';
import { NodeResolver } from './graphql/node.resolver.js';
import { TodoOwnerResolver } from './graphql/todo-owner.resolver.js';
import { TodoSentimentResolver } from './graphql/todo-sentiment.resolver.js';

export interface ContainerDependencies {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly runtime: RuntimeInfo;
  /** Strata's tracer when tracing is on. */
  readonly tracer?: Tracer | null;
}

/** The composition root: the shared kernel's bindings, then each module with its settings. */
export function buildContainer({
  config,
  database,
  logger,
  runtime,
  tracer = null,
}: ContainerDependencies): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(DATABASE).toConstantValue(database.db);
  container.bind(DatabaseContext).toSelf();
  container.bind(TRANSACTION_RUNNER).toService(DatabaseContext);
  container.bind(EXCLUSIVE_RUNNER).to(AdvisoryLockRunner);
  container.bind(CLOCK).to(SystemClock);
  container.bind(CANCELLATION).toConstantValue(requestCancellation);
  container.bind(ID_GENERATOR).to(RandomUuids);
  container
    .bind(EVENT_PUBLISHER)
    .toDynamicValue((context) => new OutboxEventPublisher(context.get(DatabaseContext), logger));
  container.bind(Outbox).toConstantValue(new Outbox(database.db));
  container.bind(RUNTIME_INFO).toConstantValue(runtime);
  container.bind<Registry>(METRICS_REGISTRY).toConstantValue(createMetricsRegistry());
  container.bind(READINESS_CHECK).toConstantValue(new DatabaseReadiness(database));
  container.load(
    operationsModule(config, logger),
    identityModule(config, logger),
    todosModule(),
    inferenceModule(config, logger, tracer),
  );
  // Fields that join two modules: they belong to neither.
  container.bind(NodeResolver).toSelf();
  container.bind(TodoOwnerResolver).toSelf();
  container.bind(TodoSentimentResolver).toSelf();
  return container;
}
