import { type Logger, pino } from 'pino';
import type { Config } from './config/config.js';

export type { Logger };

/** JSON lines in production; human-readable lines while developing. */
export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'strata' },
    ...(config.nodeEnv === 'development'
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  });
}
