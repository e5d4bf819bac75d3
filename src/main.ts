import 'reflect-metadata';
import { createApplication } from './app/application.js';
import { explainStartupFailure } from './app/startup-errors.js';
import { loadConfig } from './shared/infrastructure/config/config.js';
import { readEnvironment } from './shared/infrastructure/config/environment.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const app = await createApplication(config);
  await app.listen();

  const stop = (signal: NodeJS.Signals) => {
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
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
