import type { ServiceContextView } from '#modules/operations/application/index.js';
import { SERVICE_CONTEXT_PATH } from '#modules/operations/http/index.js';
import type { Config } from '#shared/infrastructure/config/config.js';
import type { LockOwner } from '#shared/infrastructure/database/data-dir-lock.js';
import { CliError } from './cli-error.js';

/** Reads the service context from the server that owns the embedded database. */
export async function readThroughServer(
  owner: LockOwner,
  dataDir: string,
): Promise<ServiceContextView> {
  const response = await call(owner, dataDir, { method: 'GET' });
  return (await response.json()) as ServiceContextView;
}

/** Switches maintenance mode through the owning server's ops route (needs OPS_TOKEN). */
export async function switchThroughServer(
  owner: LockOwner,
  config: Config,
  enabled: boolean,
): Promise<ServiceContextView> {
  if (!config.opsToken) {
    throw new CliError(
      `A running server (pid ${owner.pid}) owns the embedded database in ${config.dataDir}, ` +
        'so the CLI must go through its ops route: set OPS_TOKEN to the same value the ' +
        'server runs with (or stop the server first).',
    );
  }
  const response = await call(owner, config.dataDir, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${config.opsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ maintenance: enabled }),
  });
  return (await response.json()) as ServiceContextView;
}

async function call(owner: LockOwner, dataDir: string, init: RequestInit): Promise<Response> {
  if (!owner.url) {
    throw new CliError(
      `The server (pid ${owner.pid}) that owns ${dataDir} is still starting; try again shortly.`,
    );
  }
  const url = `${owner.url}${SERVICE_CONTEXT_PATH}`;
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch(
    (error: unknown) => {
      throw new CliError(`Could not reach the server at ${url}: ${(error as Error).message}`);
    },
  );
  if (response.status === 401) {
    throw new CliError(`The server at ${owner.url} refused OPS_TOKEN: it runs with another one.`);
  }
  if (response.status === 404) {
    throw new CliError(
      `The server at ${owner.url} has no ops route: start it with OPS_TOKEN set to enable it.`,
    );
  }
  if (!response.ok) {
    throw new CliError(
      `The server at ${url} answered ${response.status}: ${await response.text()}`,
    );
  }
  return response;
}
