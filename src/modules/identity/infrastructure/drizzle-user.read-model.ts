import { and, asc, count, eq, gt, inArray, or } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { isUuid } from '#shared/domain/ids.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  UserPage,
  UserPageRequest,
  UserReadModel,
} from '../application/ports/user.read-model.js';
import type { UserView } from '../application/queries/user.view.js';
import { isRole, Role } from '../domain/role.js';
import { usersTable } from './identity.tables.js';

/** The columns of a UserView, for any read that includes the user. */
export const userColumns = {
  id: usersTable.id,
  email: usersTable.email,
  displayName: usersTable.displayName,
  role: usersTable.role,
  createdAt: usersTable.createdAt,
  updatedAt: usersTable.updatedAt,
};

type Row = { [K in keyof typeof userColumns]: (typeof usersTable.$inferSelect)[K] };

@injectable()
export class DrizzleUserReadModel implements UserReadModel {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async findByIds(ids: readonly string[]): Promise<UserView[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) {
      return [];
    }
    const rows = await this.database.db
      .select(userColumns)
      .from(usersTable)
      .where(inArray(usersTable.id, valid));
    return rows.map(toView);
  }

  async page({ first, after }: UserPageRequest): Promise<UserPage> {
    const rows = await this.database.db
      .select(userColumns)
      .from(usersTable)
      .where(
        after
          ? or(
              gt(usersTable.createdAt, after.createdAt),
              and(eq(usersTable.createdAt, after.createdAt), gt(usersTable.id, after.id)),
            )
          : undefined,
      )
      .orderBy(asc(usersTable.createdAt), asc(usersTable.id))
      .limit(first + 1);
    return { items: rows.slice(0, first).map(toView), hasNextPage: rows.length > first };
  }

  async count(): Promise<number> {
    const [row] = await this.database.db.select({ total: count() }).from(usersTable);
    return row?.total ?? 0;
  }
}

export function toView(row: Row): UserView {
  return { ...row, role: isRole(row.role) ? row.role : Role.User };
}
