import type { Command } from 'commander';
import {
  GetServiceContextHandler,
  MaintenanceMonitor,
  type ServiceContextView,
  SetMaintenanceModeHandler,
} from '#modules/operations/application/index.js';
import { cliConfig, embeddedServer, withContainer } from './cli-context.js';
import { CliError } from './cli-error.js';
import { readThroughServer, switchThroughServer } from './ops-client.js';

type Action = 'on' | 'off' | 'status';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('maintenance')
    .description('Turn maintenance mode on or off, or show it')
    .argument('<action>', 'on | off | status')
    .action(async (action: string) => {
      if (action !== 'on' && action !== 'off' && action !== 'status') {
        throw new CliError(`Unknown action "${action}": expected on, off or status.`);
      }
      console.log(describe(await run(action)));
    });
}

async function run(action: Action): Promise<ServiceContextView> {
  const config = cliConfig();
  const owner = await embeddedServer(config);
  if (owner) {
    // PGlite is single-process: while a server holds the data directory, go through it.
    return action === 'status'
      ? readThroughServer(owner, config.dataDir)
      : switchThroughServer(owner, config, action === 'on');
  }
  return withContainer(config, async (container) => {
    if (action === 'status') {
      await container.get(MaintenanceMonitor).refresh();
      return container.get(GetServiceContextHandler).execute();
    }
    return container.get(SetMaintenanceModeHandler).execute({ enabled: action === 'on' });
  });
}

function describe(view: Pick<ServiceContextView, 'maintenance' | 'maintenanceChangedAt'>): string {
  const state = view.maintenance ? 'ON' : 'OFF';
  const since = view.maintenanceChangedAt
    ? ` since ${new Date(view.maintenanceChangedAt).toISOString()}`
    : '';
  return `Maintenance mode is ${state}${since}.`;
}
