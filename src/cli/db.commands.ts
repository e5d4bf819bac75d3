import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  PASSWORD_HASHER,
  type PasswordHasher,
} from '#modules/identity/application/ports/password-hasher.js';
import { cliConfig, embeddedServer, withContainer } from './cli-context.js';
import { CliError } from './cli-error.js';
import { SEED_PASSWORD } from './seed/seed-data.js';
import { seed } from './seed/seeder.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database tasks');

  db.command('migrate')
    .description('Apply pending migrations (the server also does this at start)')
    .action(async () => {
      const config = cliConfig();
      const owner = await embeddedServer(config);
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

  db.command('seed')
    .description('Add realistic users and todos (idempotent: a rerun adds only what is missing)')
    .option('--users <count>', 'how many users', '50')
    .option('--todos <count>', 'how many todos, spread over the users', '100000')
    .action(async (options: { users: string; todos: string }) => {
      const users = positiveInteger(options.users, '--users', 1_000);
      const todos = positiveInteger(options.todos, '--todos', 10_000_000);
      const config = cliConfig();
      const owner = await embeddedServer(config);
      if (owner) {
        throw new CliError(
          `A running server (pid ${owner.pid}) owns the embedded database in ${config.dataDir}. ` +
            'Stop it to seed, or seed a PostgreSQL database (DATABASE_URL).',
        );
      }
      const bar = new SingleBar(
        { format: 'Seeding todos [{bar}] {percentage}% | {value}/{total} | {duration}s' },
        Presets.shades_classic,
      );
      const started = Date.now();
      const result = await withContainer(config, async (container, database) => {
        const passwordHash = await container
          .get<PasswordHasher>(PASSWORD_HASHER)
          .hash(SEED_PASSWORD);
        bar.start(todos, 0);
        try {
          return await seed(database.db, { users, todos, passwordHash, now: new Date() }, (done) =>
            bar.update(done),
          );
        } finally {
          bar.stop();
        }
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `Seeded ${result.users} new users and ${result.todos} new todos in ${seconds} s ` +
          `(users sign in as seed-user-<n>@example.com with password "${SEED_PASSWORD}").`,
      );
    });
}

function positiveInteger(value: string, option: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw new CliError(`${option} expects a whole number from 1 to ${max}, not "${value}".`);
  }
  return parsed;
}
