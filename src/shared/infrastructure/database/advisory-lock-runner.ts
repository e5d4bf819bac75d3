import { sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import type { ExclusiveRunner } from '../../application/exclusive-runner.js';
import { DatabaseContext } from './database-context.js';
import { rowsOf } from './migrations.js';

/**
 * ExclusiveRunner over a PostgreSQL transaction-level advisory lock, keyed by the work's
 * name: every replica sharing the database agrees on who runs it, and the lock ends with
 * the transaction, even if the process dies. PGlite has the same functions.
 */
@injectable()
export class AdvisoryLockRunner implements ExclusiveRunner {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  runExclusively<T>(
    name: string,
    work: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    return this.database.run(async () => {
      const [row] = rowsOf<{ locked: boolean }>(
        await this.database.db.execute(
          sql`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`,
        ),
      );
      if (!row?.locked) {
        return { ran: false } as const;
      }
      return { ran: true, value: await work() } as const;
    });
  }
}
