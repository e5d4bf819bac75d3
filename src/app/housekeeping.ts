import type { Container } from 'inversify';
import { PurgeExpiredHandler } from '#modules/identity/application/index.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import { Outbox } from '#shared/infrastructure/outbox/outbox.js';

export interface Housekeeping {
  stop(): Promise<void>;
}

/**
 * In-process housekeeping: every `intervalMs` (and once soon after start), expired sessions
 * and old sign-in attempts are purged — replicas sharing a database take turns through an
 * advisory lock, so the work is done once per round whoever runs it — and so are domain
 * events older than the outbox's retention (a delete any replica may repeat).
 */
export function startHousekeeping(
  container: Container,
  logger: Logger,
  options: { readonly intervalMs: number; readonly outboxRetentionHours: number },
): Housekeeping {
  const { intervalMs, outboxRetentionHours } = options;
  const purge = container.get(PurgeExpiredHandler);
  const outbox = container.get(Outbox);
  let running: Promise<void> | null = null;
  const round = () => {
    running ??= purge
      .execute()
      .then(async (outcome) => {
        const events = await outbox.purgeBefore(
          new Date(Date.now() - outboxRetentionHours * 3_600_000),
        );
        // `outcome` is null when another replica held the lock this round.
        if ((outcome?.loginAttempts ?? 0) + (outcome?.sessions ?? 0) + events > 0) {
          logger.info({ ...outcome, events }, 'housekeeping purged expired records');
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
