import type { ReadinessCheck, ReadinessReport } from '#shared/application/readiness.js';

/**
 * The readiness check that shutdown turns off first: from then on `/readyz` answers 503,
 * so load balancers and Kubernetes stop sending traffic while the listener still serves
 * whatever arrives in the meantime (SHUTDOWN_GRACE_MS).
 */
export class Draining implements ReadinessCheck {
  readonly name = 'shutdown';
  private draining = false;

  start(): void {
    this.draining = true;
  }

  async check(): Promise<ReadinessReport> {
    return this.draining
      ? { ready: false, detail: 'shutting down: still serving, soon closing' }
      : { ready: true, detail: 'serving' };
  }
}
