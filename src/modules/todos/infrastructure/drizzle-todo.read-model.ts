import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  type SQL,
  sql,
} from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { isUuid } from '#shared/domain/ids.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type {
  TodoFilter,
  TodoPage,
  TodoPageRequest,
  TodoReadModel,
} from '../application/ports/todo.read-model.js';
import type { TagCountView, TodoView } from '../application/queries/todo.view.js';
import { SEARCH_CONFIG, todoColumns, todosTable } from './todos.tables.js';

const query = (search: string) => sql`websearch_to_tsquery(${SEARCH_CONFIG}::regconfig, ${search})`;

@injectable()
export class DrizzleTodoReadModel implements TodoReadModel {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async page(request: TodoPageRequest): Promise<TodoPage> {
    const search = request.filter.search?.trim() || undefined;
    const rank = search ? sql`ts_rank(${todosTable.search}, ${query(search)})` : sql`0`;
    const relevance = request.order.field === 'RELEVANCE';
    const key = {
      CREATED_AT: sql`${todosTable.createdAt}`,
      UPDATED_AT: sql`${todosTable.updatedAt}`,
      RELEVANCE: rank,
    }[request.order.field];
    const matching = and(
      eq(todosTable.ownerId, request.ownerId),
      ...conditions(request.filter, search),
    );
    // Backward, the list is walked in reverse from the cursor and the page flipped after.
    const ascending = (request.order.direction === 'ASC') !== request.backward;
    const position = sql`(${key}, ${todosTable.id})`;
    const cursor = request.cursor
      ? sql`(${request.cursor.key}::${relevance ? sql`real` : sql`timestamptz`}, ${request.cursor.id}::uuid)`
      : undefined;
    // Row comparison on (key, id) follows the (owner_id, key, id) index: no OFFSET, no sort.
    const ahead = cursor ? sql`${position} ${ascending ? sql`>` : sql`<`} ${cursor}` : undefined;
    // Whether the list goes on behind the cursor (its own todo included, deleted or not).
    const behind = cursor
      ? sql<boolean>`exists (select 1 from ${todosTable} where ${and(matching, sql`${position} ${ascending ? sql`<=` : sql`>=`} ${cursor}`)})`
      : sql<boolean>`false`;

    // One statement: the page (plus one row to tell whether more follow) read in index
    // order, the filter's total and what lies behind the cursor as uncorrelated subqueries
    // that PostgreSQL evaluates once.
    const rows = await this.database.db
      .select({
        ...todoColumns,
        // Timestamps as ISO 8601 whatever the session's DateStyle; ranks at full precision.
        key: relevance ? sql<string>`${key}::text` : sql<string>`to_json(${key}) #>> '{}'`,
        totalCount: sql<number>`(select count(*)::int from ${todosTable} where ${matching})`,
        behind,
      })
      .from(todosTable)
      .where(and(matching, ahead))
      .orderBy(
        ascending ? sql`${key} asc` : sql`${key} desc`,
        ascending ? asc(todosTable.id) : desc(todosTable.id),
      )
      .limit(request.size + 1);

    const page = rows.slice(0, request.size);
    if (request.backward) {
      page.reverse();
    }
    const beyond = rows.length > request.size;
    const totals = rows[0] ?? (await this.totals(matching, behind));
    return {
      items: page.map(({ key: position, totalCount: _, behind: __, ...todo }) => ({
        todo,
        key: position,
      })),
      hasNextPage: request.backward ? totals.behind : beyond,
      hasPreviousPage: request.backward ? beyond : totals.behind,
      totalCount: totals.totalCount,
    };
  }

  async findOwnedByIds(ownerId: string, ids: readonly string[]): Promise<TodoView[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) {
      return [];
    }
    return this.database.db
      .select(todoColumns)
      .from(todosTable)
      .where(and(eq(todosTable.ownerId, ownerId), inArray(todosTable.id, valid)));
  }

  async tagCounts(ownerId: string): Promise<TagCountView[]> {
    const tag = sql<string>`unnest(${todosTable.tags})`;
    const rows = await this.database.db
      .select({ tag: tag.as('tag'), count: sql<number>`count(*)::int`.as('count') })
      .from(todosTable)
      .where(eq(todosTable.ownerId, ownerId))
      .groupBy(sql`1`)
      .orderBy(sql`2 desc`, sql`1 asc`);
    return rows;
  }

  /** Only for an empty page, which has no row to carry the total and what lies behind. */
  private async totals(
    matching: SQL | undefined,
    behind: SQL<boolean>,
  ): Promise<{ totalCount: number; behind: boolean }> {
    const [row] = await this.database.db
      .select({
        totalCount: sql<number>`(select count(*)::int from ${todosTable} where ${matching})`,
        behind,
      })
      .from(sql`(select 1) as one`);
    return row ?? { totalCount: 0, behind: false };
  }
}

function conditions(filter: TodoFilter, search: string | undefined): SQL[] {
  const where: SQL[] = [];
  if (search) {
    where.push(sql`${todosTable.search} @@ ${query(search)}`);
  }
  if (filter.tags && filter.tags.length > 0) {
    where.push(arrayContains(todosTable.tags, [...filter.tags]));
  }
  if (filter.completed !== undefined) {
    where.push(
      filter.completed ? isNotNull(todosTable.completedAt) : isNull(todosTable.completedAt),
    );
  }
  return where;
}
