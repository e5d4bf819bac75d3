import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { isUuid } from '#shared/domain/ids.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { SessionRepository } from '../application/ports/session.repository.js';
import type { UserView } from '../application/queries/user.view.js';
import { Session } from '../domain/session.js';
import { userColumns, toView as userViewOf } from './drizzle-user.read-model.js';
import { sessionsTable, usersTable } from './identity.tables.js';

@injectable()
export class DrizzleSessionRepository implements SessionRepository {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async add(session: Session): Promise<void> {
    await this.database.db.insert(sessionsTable).values({
      id: session.id,
      userId: session.userId,
      familyId: session.familyId,
      secretHash: session.secretHash,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt,
      expiresAt: session.expiresAt,
      revokedAt: session.revokedAt,
      rotatedAt: session.rotatedAt,
    });
  }

  async findById(id: string): Promise<Session | null> {
    if (!isUuid(id)) {
      return null;
    }
    const [row] = await this.database.db
      .select()
      .from(sessionsTable)
      .where(eq(sessionsTable.id, id));
    return row ? Session.restore(row) : null;
  }

  async findWithUser(id: string): Promise<{ session: Session; user: UserView } | null> {
    if (!isUuid(id)) {
      return null;
    }
    // Every authenticated request runs this: built once (see DatabaseContext.prepared).
    const [row] = await this.database.prepared(
      'identity.session-with-user',
      (db) =>
        db
          .select({ session: sessionsTable, user: userColumns })
          .from(sessionsTable)
          .innerJoin(usersTable, eq(usersTable.id, sessionsTable.userId))
          .where(eq(sessionsTable.id, sql.placeholder('id'))),
      { id },
    );
    return row ? { session: Session.restore(row.session), user: userViewOf(row.user) } : null;
  }

  async markRotated(id: string, at: Date): Promise<boolean> {
    // A compare-and-set: of two requests rotating one session, exactly one updates the row.
    const updated = await this.database.db
      .update(sessionsTable)
      .set({ rotatedAt: at })
      .where(
        and(
          eq(sessionsTable.id, id),
          isNull(sessionsTable.rotatedAt),
          isNull(sessionsTable.revokedAt),
        ),
      )
      .returning({ id: sessionsTable.id });
    return updated.length === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.database.db
      .update(sessionsTable)
      .set({ revokedAt: at })
      .where(and(eq(sessionsTable.familyId, familyId), isNull(sessionsTable.revokedAt)));
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<number> {
    const revoked = await this.database.db
      .update(sessionsTable)
      .set({ revokedAt: at })
      .where(
        and(
          eq(sessionsTable.userId, userId),
          isNull(sessionsTable.revokedAt),
          isNull(sessionsTable.rotatedAt),
          gt(sessionsTable.expiresAt, at),
        ),
      )
      .returning({ id: sessionsTable.id });
    // Rotated predecessors are ended too, but they were not open sessions of their own.
    await this.database.db
      .update(sessionsTable)
      .set({ revokedAt: at })
      .where(and(eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt)));
    return revoked.length;
  }

  async purgeExpired(now: Date): Promise<number> {
    const purged = await this.database.db
      .delete(sessionsTable)
      .where(lt(sessionsTable.expiresAt, now))
      .returning({ id: sessionsTable.id });
    return purged.length;
  }
}
