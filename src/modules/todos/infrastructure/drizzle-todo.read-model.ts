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
    const ascending = request.order.direction === 'ASC';
    const matching = and(
      eq(todosTable.ownerId, request.ownerId),
      ...conditions(request.filter, search),
    );
    // Row comparison on (key, id) follows the (owner_id, key, id) index: no OFFSET, no sort.
    const after = request.after
      ? sql`(${key}, ${todosTable.id}) ${ascending ? sql`>` : sql`<`} (${request.after.key}::${relevance ? sql`real` : sql`timestamptz`}, ${request.after.id}::uuid)`
      : undefined;

    // One statement: the page (plus one row for hasNextPage) read in index order, and the
    // filter's total as an uncorrelated subquery that PostgreSQL evaluates once.
    const rows = await this.database.db
      .select({
        ...todoColumns,
        // Timestamps as ISO 8601 whatever the session's DateStyle; ranks at full precision.
        key: relevance ? sql<string>`${key}::text` : sql<string>`to_json(${key}) #>> '{}'`,
        totalCount: sql<number>`(select count(*)::int from ${todosTable} where ${matching})`,
      })
      .from(todosTable)
      .where(and(matching, after))
      .orderBy(
        ascending ? sql`${key} asc` : sql`${key} desc`,
        ascending ? asc(todosTable.id) : desc(todosTable.id),
      )
      .limit(request.first + 1);

    const page = rows.slice(0, request.first);
    return {
      items: page.map(({ key: position, totalCount: _, ...todo }) => ({ todo, key: position })),
      hasNextPage: rows.length > request.first,
      totalCount: rows[0]?.totalCount ?? (await this.count(matching)),
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

  /** Only for a page past the end, which has no row to carry the total. */
  private async count(matching: SQL | undefined): Promise<number> {
    const [row] = await this.database.db
      .select({ total: sql<number>`count(*)::int` })
      .from(todosTable)
      .where(matching);
    return row?.total ?? 0;
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
