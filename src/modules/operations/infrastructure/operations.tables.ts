import { sql } from 'drizzle-orm';
import { boolean, check, pgSchema, smallint, timestamp } from 'drizzle-orm/pg-core';

export const operationsSchema = pgSchema('operations');

/** One row at most: the state every replica shares. No row means never switched. */
export const serviceContextTable = operationsSchema.table(
  'service_context',
  {
    id: smallint('id').primaryKey().default(1),
    maintenance: boolean('maintenance').notNull().default(false),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [check('service_context_single_row', sql`${table.id} = 1`)],
);
