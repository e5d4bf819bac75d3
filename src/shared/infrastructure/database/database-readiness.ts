import type { ReadinessCheck, ReadinessReport } from '../../application/readiness.js';
import type { DatabaseHandle } from './database.js';

/**
 * Whether the database answers and its schema is current. One check at a time: while the
 * database is silent, probes that keep coming share the pending check instead of each
 * holding another pooled connection.
 */
export class DatabaseReadiness implements ReadinessCheck {
  readonly name = 'database';
  private pending: Promise<ReadinessReport> | null = null;

  constructor(private readonly database: DatabaseHandle) {}

  check(): Promise<ReadinessReport> {
    this.pending ??= this.run().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async run(): Promise<ReadinessReport> {
    try {
      await this.database.ping();
    } catch (error) {
      return { ready: false, detail: `unreachable: ${reasonOf(error)}` };
    }
    const status = await this.database.migrationStatus();
    if (status.pending > 0) {
      return { ready: false, detail: `${status.pending} migration(s) not applied` };
    }
    return { ready: true, detail: `reachable, ${status.applied} migration(s) applied` };
  }
}

/** The driver's own words: drizzle wraps them in an error that names only the query. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
}
