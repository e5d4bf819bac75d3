import type { Container } from 'inversify';
import { PurgeExpiredHandler } from '#modules/identity/application/index.js';
import type { Logger } from '#shared/infrastructure/logger.js';

export interface Housekeeping {
  stop(): Promise<void>;
}

/**
 * In-process housekeeping: every `intervalMs` (and once soon after start), expired sessions
 * and old sign-in attempts are purged. Replicas sharing a database take turns through an
 * advisory lock, so the work is done once per round whoever runs it.
 */
export function startHousekeeping(
  container: Container,
  logger: Logger,
  intervalMs: number,
): Housekeeping {
  const purge = container.get(PurgeExpiredHandler);
  let running: Promise<void> | null = null;
  const round = () => {
    running ??= purge
      .execute()
      .then((outcome) => {
        if (outcome && (outcome.loginAttempts > 0 || outcome.sessions > 0)) {
          logger.info(outcome, 'housekeeping purged expired records');
        }
      })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'housekeeping failed; next round retries'),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(round, Math.min(intervalMs, 5_000));
  const timer = setInterval(round, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
