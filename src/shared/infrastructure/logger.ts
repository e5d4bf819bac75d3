import { type Logger, pino } from 'pino';
import type { Config } from './config/config.js';
import { traceFields } from './telemetry/trace-fields.js';

export type { Logger };

/**
 * JSON lines in production; human-readable lines while developing. With tracing on, each
 * line written within a span carries its trace and span ids next to the request id.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'nodeEnv'> & { readonly tracing?: Config['tracing'] },
): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'strata' },
    ...(config.tracing?.exporter ? { mixin: traceFields } : {}),
    ...(config.nodeEnv === 'development'
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  });
}
