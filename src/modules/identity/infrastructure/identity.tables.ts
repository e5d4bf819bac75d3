import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const identitySchema = pgSchema('identity');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const usersTable = identitySchema.table(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull().unique('users_email_unique'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (table) => [
    check('users_role_known', sql`${table.role} in ('USER', 'ADMIN')`),
    index('users_created_at_id').on(table.createdAt, table.id),
  ],
);

export const sessionsTable = identitySchema.table(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    rotatedAt: timestamptz('rotated_at'),
  },
  (table) => [
    index('sessions_user_id').on(table.userId),
    index('sessions_family_id').on(table.familyId),
  ],
);

/** Sign-in attempts still under consideration; successes clear an email's rows. */
export const loginAttemptsTable = identitySchema.table(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    email: text('email').notNull(),
    /** The client's address ('' for attempts recorded before addresses were). */
    address: text('address').notNull().default(''),
    attemptedAt: timestamptz('attempted_at').notNull(),
  },
  (table) => [
    index('login_attempts_email_address_id').on(table.email, table.address, table.id),
    index('login_attempts_address_id').on(table.address, table.id),
    index('login_attempts_attempted_at').on(table.attemptedAt),
  ],
);
