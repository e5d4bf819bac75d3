import { existsSync } from 'node:fs';

/**
 * The process environment, with `.env` (if present) filling in what is not already set:
 * real environment variables always win, as with every dotenv loader.
 */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  if (existsSync(envFile)) {
    process.loadEnvFile(envFile);
  }
  return process.env;
}
