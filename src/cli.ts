import 'reflect-metadata';
import { Command } from 'commander';
import { packageVersion } from './app/package-version.js';
import { explainStartupFailure } from './app/startup-errors.js';
import { CliError } from './cli/cli-error.js';
import { registerDbCommands } from './cli/db.commands.js';
import { registerMaintenanceCommands } from './cli/maintenance.commands.js';
import { registerModelCommands } from './cli/model.commands.js';
import { registerUserCommands } from './cli/user.commands.js';

const program = new Command()
  .name('strata')
  .description('Strata operations: database, maintenance mode, users, the sentiment model')
  .version(packageVersion);

registerDbCommands(program);
registerMaintenanceCommands(program);
registerUserCommands(program);
registerModelCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(
    error instanceof CliError ? `strata: ${error.message}` : explainStartupFailure(error),
  );
  process.exitCode = 1;
});
