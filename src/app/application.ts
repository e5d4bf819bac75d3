import type { Tracer } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import type { Registry } from 'prom-client';
import { SENTIMENT_MODEL } from '#modules/inference/application/index.js';
import { MaintenanceMonitor } from '#modules/operations/application/index.js';
import { EVENT_STREAM } from '#shared/application/event-stream.js';
import { READINESS_CHECK } from '#shared/application/readiness.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { DatabaseHandle } from '#shared/infrastructure/database/database.js';
import type { EmbeddedDatabaseHandle } from '#shared/infrastructure/database/embedded-database.js';
import { openDatabase } from '#shared/infrastructure/database/open-database.js';
import { createLogger, type Logger } from '#shared/infrastructure/logger.js';
import { METRICS_REGISTRY } from '#shared/infrastructure/metrics-registry.js';
import { OUTBOX_CHANNEL, Outbox } from '#shared/infrastructure/outbox/outbox.js';
import { OutboxEventStream } from '#shared/infrastructure/outbox/outbox-event-stream.js';
import { OutboxRelay } from '#shared/infrastructure/outbox/outbox-relay.js';
import { buildContainer } from './container.js';
import { Draining } from './draining.js';
import type { SubscriptionServer } from './graphql/subscription-server.js';
import { type Housekeeping, startHousekeeping } from './housekeeping.js';
import { GRAPHQL_PATH } from './http/paths.js';
import { packageVersion } from './package-version.js';
import { buildGraphQLSchema } from './schema.js';
import { createHttpServer } from './server.js';

export interface ApplicationOptions {
  /** An already-open database (tests); otherwise one is opened from config. */
  readonly database?: DatabaseHandle;
  readonly logger?: Logger;
  /** Rebind ports before anything is resolved (tests make clock, ids, models deterministic). */
  readonly configure?: (container: Container) => void;
  /** Strata's tracer, when the process traces (main.ts starts tracing before anything else). */
  readonly tracer?: Tracer | null;
}

export interface Application {
  readonly config: Config;
  readonly container: Container;
  readonly database: DatabaseHandle;
  readonly http: FastifyInstance;
  readonly logger: Logger;
  /** Starts listening; resolves to the base URL (prefix included). */
  listen(): Promise<string>;
  /** Graceful stop: no new requests, in-flight ones finish within the budget, database closed. */
  close(): Promise<void>;
}

export async function createApplication(
  config: Config,
  options: ApplicationOptions = {},
): Promise<Application> {
  const logger = options.logger ?? createLogger(config);
  const tracer = options.tracer ?? null;
  const database = options.database ?? (await openDatabase(config, { tracer }));
  try {
    await database.migrate();
    const container = buildContainer({
      config,
      database,
      logger,
      runtime: { version: packageVersion, startedAt: new Date(), database: database.kind },
      tracer,
    });
    options.configure?.(container);
    // The model loads now (the local one starts its worker threads), not on the first request.
    container.get(SENTIMENT_MODEL);
    const monitor = container.get(MaintenanceMonitor);
    await monitor.start();
    const relay = new OutboxRelay(
      container.get(Outbox),
      (onNotify) => database.listen(OUTBOX_CHANNEL, onNotify),
      { pollIntervalMs: config.outboxPollIntervalMs },
      logger,
      container.get<Registry>(METRICS_REGISTRY),
    );
    await relay.start();
    container.bind(OutboxRelay).toConstantValue(relay);
    const events = new OutboxEventStream(container.get(Outbox), relay);
    container.bind(EVENT_STREAM).toConstantValue(events);
    monitor.followSwitches(events);
    const draining = new Draining();
    container.bind(READINESS_CHECK).toConstantValue(draining);
    const schema = await buildGraphQLSchema(container);
    const { http, live } = await createHttpServer({ config, container, schema, logger, tracer });
    const housekeeping = startHousekeeping(container, logger, {
      intervalMs: config.housekeepingIntervalMs,
      outboxRetentionHours: config.outboxRetentionHours,
    });
    let closing: Promise<void> | null = null;

    return {
      config,
      container,
      database,
      http,
      logger,
      async listen() {
        const address = await http.listen({ host: config.host, port: config.port });
        const url = `${address}${config.servicePrefix}`;
        (database as Partial<EmbeddedDatabaseHandle>).advertise?.(url);
        logger.info({ url: `${url}${GRAPHQL_PATH}`, database: database.kind }, 'server listening');
        return url;
      },
      close() {
        closing ??= shutdown({
          http,
          live,
          container,
          database,
          logger,
          monitor,
          relay,
          housekeeping,
          draining,
          graceMs: config.shutdownGraceMs,
          budgetMs: config.shutdownTimeoutMs,
        });
        return closing;
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

interface ShutdownParts {
  readonly http: FastifyInstance;
  readonly live: SubscriptionServer;
  readonly container: Container;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly monitor: MaintenanceMonitor;
  readonly relay: OutboxRelay;
  readonly housekeeping: Housekeeping;
  readonly draining: Draining;
  readonly graceMs: number;
  readonly budgetMs: number;
}

async function shutdown({
  http,
  live,
  container,
  database,
  logger,
  monitor,
  relay,
  housekeeping,
  draining,
  graceMs,
  budgetMs,
}: ShutdownParts): Promise<void> {
  // Out of rotation first: /readyz answers 503 while everything still serves, so load
  // balancers stop sending new requests before the listener closes (zero-downtime rollouts).
  draining.start();
  if (graceMs > 0) {
    logger.info({ graceMs }, 'draining: not ready, still serving');
    await new Promise((resolve) => setTimeout(resolve, graceMs));
  }
  monitor.stop();
  await housekeeping.stop();
  // Subscribers first, told "going away": they reconnect to another replica and resume.
  await live.close();
  // Past the budget, cut the connections that still hold requests so the close can finish.
  const deadline = setTimeout(() => {
    logger.warn({ budgetMs }, 'shutdown budget exceeded; closing open connections');
    http.server.closeAllConnections();
  }, budgetMs);
  deadline.unref();
  try {
    await http.close();
  } finally {
    clearTimeout(deadline);
    // Unbinding runs the model's deactivation: worker threads stop, timers clear.
    await container.unbindAsync(SENTIMENT_MODEL);
    // Requests are done: the relay's last read can finish before the database closes.
    await relay.stop();
    await database.close();
  }
  logger.info('server stopped');
}
