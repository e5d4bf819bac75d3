import { eq } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { isUuid } from '#shared/domain/ids.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { UserRepository } from '../application/ports/user.repository.js';
import { DisplayName } from '../domain/display-name.js';
import { Email } from '../domain/email.js';
import { IdentityErrorCode, identityError } from '../domain/identity.errors.js';
import { isRole, Role } from '../domain/role.js';
import { User } from '../domain/user.js';
import { usersTable } from './identity.tables.js';

type UserRow = typeof usersTable.$inferSelect;

@injectable()
export class DrizzleUserRepository implements UserRepository {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async add(user: User): Promise<Result<User, DomainError>> {
    // ON CONFLICT DO NOTHING: a concurrent registration of the same email waits for the
    // first to commit, then inserts nothing, without aborting the surrounding transaction.
    const inserted = await this.database.db
      .insert(usersTable)
      .values({
        id: user.id,
        email: user.email.value,
        displayName: user.displayName.value,
        passwordHash: user.passwordHash,
        role: user.role,
        createdAt: user.createdAt,
        updatedAt: user.updatedAt,
      })
      .onConflictDoNothing({ target: usersTable.email })
      .returning({ id: usersTable.id });
    if (inserted.length === 0) {
      return err(
        identityError(
          IdentityErrorCode.EmailTaken,
          'An account with this email already exists.',
          'email',
        ),
      );
    }
    return ok(user);
  }

  async findByEmail(email: Email): Promise<User | null> {
    const [row] = await this.database.db
      .select()
      .from(usersTable)
      .where(eq(usersTable.email, email.value));
    return row ? toUser(row) : null;
  }

  async findById(id: string): Promise<User | null> {
    if (!isUuid(id)) {
      return null;
    }
    const [row] = await this.database.db.select().from(usersTable).where(eq(usersTable.id, id));
    return row ? toUser(row) : null;
  }

  async savePasswordHash(user: User): Promise<void> {
    await this.database.db
      .update(usersTable)
      .set({ passwordHash: user.passwordHash, updatedAt: user.updatedAt })
      .where(eq(usersTable.id, user.id));
  }
}

function toUser(row: UserRow): User {
  return User.restore({
    id: row.id,
    email: Email.restore(row.email),
    displayName: DisplayName.restore(row.displayName),
    passwordHash: row.passwordHash,
    role: isRole(row.role) ? row.role : Role.User,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}
