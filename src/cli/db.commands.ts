import type { Command } from 'commander';
import { cliConfig, embeddedServer, withContainer } from './cli-context.js';
import { CliError } from './cli-error.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database tasks');

  db.command('migrate')
    .description('Apply pending migrations (the server also does this at start)')
    .action(async () => {
      const config = cliConfig();
      const owner = embeddedServer(config);
      if (owner) {
        throw new CliError(
          `A running server (pid ${owner.pid}) owns the embedded database in ${config.dataDir} ` +
            'and applied its migrations when it started. Stop it to migrate from here.',
        );
      }
      const status = await withContainer(config, async (_container, database) =>
        database.migrationStatus(),
      );
      console.log(`Migrations up to date: ${status.applied} applied, ${status.pending} pending.`);
    });
}
