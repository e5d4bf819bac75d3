import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const todosSchema = pgSchema('todos');

/** The full-text configuration both the stored vector and the queries use. */
export const SEARCH_CONFIG = 'english';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const todosTable = todosSchema.table(
  'todos',
  {
    id: uuid('id').primaryKey(),
    // The owner lives in the identity module: referenced by id, not by foreign key.
    ownerId: uuid('owner_id').notNull(),
    content: text('content').notNull(),
    // Tags travel with their todo: one row per todo, no join, and `@>` finds all-of.
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    completedAt: timestamptz('completed_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    version: integer('version').notNull(),
    search: tsvector('search').generatedAlwaysAs(
      sql.raw(`to_tsvector('${SEARCH_CONFIG}', content)`),
    ),
  },
  (table) => [
    check('todos_version_positive', sql`${table.version} >= 1`),
    index('todos_owner_created').on(table.ownerId, table.createdAt, table.id),
    index('todos_owner_updated').on(table.ownerId, table.updatedAt, table.id),
    index('todos_tags').using('gin', table.tags),
    index('todos_search').using('gin', table.search),
  ],
);

/** Every column but the search vector: what reads of a whole todo select. */
export const todoColumns = {
  id: todosTable.id,
  ownerId: todosTable.ownerId,
  content: todosTable.content,
  tags: todosTable.tags,
  completedAt: todosTable.completedAt,
  createdAt: todosTable.createdAt,
  updatedAt: todosTable.updatedAt,
  version: todosTable.version,
};
