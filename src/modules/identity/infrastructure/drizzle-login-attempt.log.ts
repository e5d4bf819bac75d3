import { and, count, eq, gte, lt, max, type SQL } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  LoginAttempt,
  LoginAttemptLog,
  RecordedAttempt,
} from '../application/ports/login-attempt.log.js';
import type { FailureHistory } from '../domain/login-throttle.js';
import { loginAttemptsTable } from './identity.tables.js';

@injectable()
export class DrizzleLoginAttemptLog implements LoginAttemptLog {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async record(attempt: LoginAttempt, windowStart: Date): Promise<RecordedAttempt> {
    const [inserted] = await this.database.db
      .insert(loginAttemptsTable)
      .values({ email: attempt.email, address: attempt.address, attemptedAt: attempt.at })
      .returning({ id: loginAttemptsTable.id });
    if (!inserted) {
      throw new Error('Recording a sign-in attempt returned no row.');
    }
    // The sequence orders attempts across replicas: each sees exactly those before it.
    const before = (key: SQL | undefined) =>
      this.history(
        and(
          key,
          lt(loginAttemptsTable.id, inserted.id),
          gte(loginAttemptsTable.attemptedAt, windowStart),
        ),
      );
    const byAddress = eq(loginAttemptsTable.address, attempt.address);
    const [account, address] = await Promise.all([
      before(and(eq(loginAttemptsTable.email, attempt.email), byAddress)),
      before(byAddress),
    ]);
    return { id: String(inserted.id), account, address };
  }

  async forget(attemptId: string): Promise<void> {
    await this.database.db
      .delete(loginAttemptsTable)
      .where(eq(loginAttemptsTable.id, BigInt(attemptId)));
  }

  async clear(email: string, address: string): Promise<void> {
    await this.database.db
      .delete(loginAttemptsTable)
      .where(and(eq(loginAttemptsTable.email, email), eq(loginAttemptsTable.address, address)));
  }

  async purgeBefore(before: Date): Promise<number> {
    const purged = await this.database.db
      .delete(loginAttemptsTable)
      .where(lt(loginAttemptsTable.attemptedAt, before))
      .returning({ id: loginAttemptsTable.id });
    return purged.length;
  }

  private async history(where: SQL | undefined): Promise<FailureHistory> {
    const [row] = await this.database.db
      .select({ n: count(), latest: max(loginAttemptsTable.attemptedAt) })
      .from(loginAttemptsTable)
      .where(where);
    return { count: row?.n ?? 0, latest: row?.latest ?? null };
  }
}
