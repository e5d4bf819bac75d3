import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { LoginAttemptLog, RecordedAttempt } from '../application/ports/login-attempt.log.js';
import { loginAttemptsTable } from './identity.tables.js';

@injectable()
export class DrizzleLoginAttemptLog implements LoginAttemptLog {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async record(
    email: string,
    at: Date,
    windowStart: Date,
    limit: number,
  ): Promise<RecordedAttempt> {
    const [inserted] = await this.database.db
      .insert(loginAttemptsTable)
      .values({ email, attemptedAt: at })
      .returning({ id: loginAttemptsTable.id });
    if (!inserted) {
      throw new Error('Recording a sign-in attempt returned no row.');
    }
    // The sequence orders attempts across replicas: each sees exactly those before it.
    const earlier = await this.database.db
      .select({ attemptedAt: loginAttemptsTable.attemptedAt })
      .from(loginAttemptsTable)
      .where(
        and(
          eq(loginAttemptsTable.email, email),
          lt(loginAttemptsTable.id, inserted.id),
          gte(loginAttemptsTable.attemptedAt, windowStart),
        ),
      )
      .orderBy(desc(loginAttemptsTable.id))
      .limit(limit);
    return { id: String(inserted.id), earlier: earlier.map((row) => row.attemptedAt) };
  }

  async forget(attemptId: string): Promise<void> {
    await this.database.db
      .delete(loginAttemptsTable)
      .where(eq(loginAttemptsTable.id, BigInt(attemptId)));
  }

  async clear(email: string): Promise<void> {
    await this.database.db.delete(loginAttemptsTable).where(eq(loginAttemptsTable.email, email));
  }
}
