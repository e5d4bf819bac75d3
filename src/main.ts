import 'reflect-metadata';
import { createApplication } from './app/application.js';
import { packageVersion } from './app/package-version.js';
import { explainStartupFailure } from './app/startup-errors.js';
import { loadConfig } from './shared/infrastructure/config/config.js';
import { readEnvironment } from './shared/infrastructure/config/environment.js';
import { createLogger } from './shared/infrastructure/logger.js';
import { startTracing } from './shared/infrastructure/telemetry/tracing.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  // Before anything else, so every request's work is traced from the first one.
  const logger = createLogger(config);
  const tracing = startTracing(config.tracing, packageVersion, logger);
  const app = await createApplication(config, { logger, tracer: tracing.tracer });
  await app.listen();

  const stop = (signal: NodeJS.Signals) => {
    app.logger.info({ signal }, 'shutting down');
    // The last spans are exported after the last request (also when closing failed); a
    // collector that is down holds the exit 3 s at most.
    app
      .close()
      .finally(() =>
        tracing
          .shutdown()
          .catch((error: unknown) => app.logger.warn({ err: error }, 'spans not exported')),
      )
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});
