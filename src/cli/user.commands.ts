import type { Command } from 'commander';
import { CreateAdminHandler } from '#modules/identity/application/index.js';
import { cliConfig, embeddedServer, withContainer } from './cli-context.js';
import { CliError } from './cli-error.js';
import { readSecret } from './read-secret.js';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('User accounts');

  user
    .command('create-admin')
    .description('Create an administrator (password from stdin or a hidden prompt)')
    .requiredOption('--email <email>', 'the administrator’s email')
    .option('--name <name>', 'display name', 'Administrator')
    .action(async (options: { email: string; name: string }) => {
      const config = cliConfig();
      const owner = await embeddedServer(config);
      if (owner) {
        throw new CliError(
          `A running server (pid ${owner.pid}) owns the embedded database in ${config.dataDir}. ` +
            'Stop it, create the administrator, and start it again.',
        );
      }
      const password = await readSecret('Password (12-128 characters): ');
      const created = await withContainer(config, (container) =>
        container.get(CreateAdminHandler).execute({
          email: options.email,
          password,
          displayName: options.name,
        }),
      );
      if (!created.ok) {
        throw new CliError(
          created.error.map((error) => `${error.field ?? 'input'}: ${error.message}`).join('\n'),
        );
      }
      console.log(`Created administrator ${created.value.email} (id ${created.value.id}).`);
    });
}
