import { ConfigError } from '#shared/infrastructure/config/config.js';
import { DataDirLockedError } from '#shared/infrastructure/database/data-dir-lock.js';

/** One readable message for the failures a user can fix; the stack for anything else. */
export function explainStartupFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    return `strata: ${error.message}`;
  }
  if (error instanceof Error) {
    return `strata: could not start: ${error.stack ?? error.message}`;
  }
  return `strata: could not start: ${String(error)}`;
}
