import type { ReadinessCheck, ReadinessReport } from '../../application/readiness.js';
import type { DatabaseHandle } from './database.js';

export class DatabaseReadiness implements ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly database: DatabaseHandle) {}

  async check(): Promise<ReadinessReport> {
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
