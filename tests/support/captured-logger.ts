import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '#shared/infrastructure/logger.js';

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: Record<string, unknown>[];
}

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogs(): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}
