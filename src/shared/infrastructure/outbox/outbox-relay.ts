import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { Outbox, OutboxCursor, OutboxEvent } from './outbox.js';

export type OutboxListener = (event: OutboxEvent) => void;

export interface OutboxRelayOptions {
  /** How often the outbox is read without a notification: the most a missed one delays. */
  readonly pollIntervalMs: number;
  /** Events read per query. */
  readonly batchSize?: number;
}

/**
 * Hands each process's subscribers the events committed from now on, by any replica: a
 * notification on OUTBOX_CHANNEL (sent at commit) wakes it, and so does a timer, so a
 * notification lost with a connection delays an event and never loses it. Events come in
 * the outbox's reading order, each once; a listener that throws is logged and skipped.
 */
export class OutboxRelay {
  private cursor: OutboxCursor | null = null;
  private readonly listeners = new Set<OutboxListener>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;
  private readonly relayed: Counter | undefined;
  private readonly lag: Gauge | undefined;

  constructor(
    private readonly outbox: Outbox,
    private readonly listen: (onNotify: () => void) => Promise<() => Promise<void>>,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Pick<Logger, 'warn' | 'error'>,
    registry?: Registry,
  ) {
    if (registry) {
      this.relayed = new Counter({
        name: 'strata_outbox_events_relayed_total',
        help: 'Domain events this process read from the outbox and handed to its subscribers.',
        registers: [registry],
      });
      this.lag = new Gauge({
        name: 'strata_outbox_relay_lag_seconds',
        help: 'From the last relayed event happening to this process relaying it.',
        registers: [registry],
      });
    }
  }

  /** Starts after the events already recorded: subscribers replay older ones themselves. */
  async start(): Promise<void> {
    this.cursor = await this.outbox.head();
    this.unlisten = await this.listen(() => {
      void this.wake();
    });
    this.timer = setInterval(() => {
      void this.wake();
    }, this.options.pollIntervalMs);
    this.timer.unref();
  }

  /** The last event relayed; every later one goes to the subscribers of that moment. */
  get position(): OutboxCursor | null {
    return this.cursor;
  }

  /** Calls `listener` with every event relayed from now on; returns the way to stop. */
  subscribe(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reads what is new. A wake during a read asks for one more read after it. */
  wake(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        void this.wake();
      }
    });
    return this.pumping;
  }

  /** Stops reading; call it while the database is still open, after requests are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    try {
      await this.unlisten?.();
    } catch (error) {
      // The database may be gone already (closed under the server): nothing to stop then.
      this.logger.warn({ err: error }, 'outbox relay could not stop listening');
    }
    await this.pumping;
  }

  private async pump(): Promise<void> {
    const size = this.options.batchSize ?? 500;
    try {
      for (;;) {
        const batch = await this.outbox.readAfter(this.cursor, size);
        for (const event of batch) {
          this.cursor = event.cursor;
          this.deliver(event);
        }
        if (batch.length < size || this.stopped) {
          return;
        }
        // A long backlog: let subscribers take this batch before the next one arrives.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay could not read; the next wake retries');
    }
  }

  private deliver(event: OutboxEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, type: event.type }, 'outbox subscriber failed');
      }
    }
    this.relayed?.inc();
    this.lag?.set(Math.max(0, (Date.now() - event.occurredAt.getTime()) / 1000));
  }
}
