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
import type { Database } from '#shared/infrastructure/database/database.js';
import {
  DatabaseContext,
  type DriverRow,
} from '#shared/infrastructure/database/database-context.js';
import type {
  TodoOrderField,
  TodoPage,
  TodoPageRequest,
  TodoReadModel,
} from '../application/ports/todo.read-model.js';
import type { TagCountView, TodoView } from '../application/queries/todo.view.js';
import { SEARCH_CONFIG, todoColumns, todosTable } from './todos.tables.js';

/** What changes the page statement's text; everything else is a placeholder's value. */
interface PageShape {
  readonly field: TodoOrderField;
  /** The direction the list is read in: its order, reversed when paging backward. */
  readonly ascending: boolean;
  readonly cursor: boolean;
  readonly search: boolean;
  readonly tags: boolean;
  readonly completed: boolean | undefined;
}

const value = (name: string) => sql.placeholder(name);
const searchQuery = sql`websearch_to_tsquery(${SEARCH_CONFIG}::regconfig, ${value('search')})`;

/** The parts of the page statement, over placeholders: owner, search, tags, cursor. */
function pageParts(shape: PageShape) {
  const rank = shape.search ? sql`ts_rank(${todosTable.search}, ${searchQuery})` : sql`0`;
  const key = {
    CREATED_AT: sql`${todosTable.createdAt}`,
    UPDATED_AT: sql`${todosTable.updatedAt}`,
    RELEVANCE: rank,
  }[shape.field];
  const where: SQL[] = [eq(todosTable.ownerId, value('owner'))];
  if (shape.search) {
    where.push(sql`${todosTable.search} @@ ${searchQuery}`);
  }
  if (shape.tags) {
    where.push(arrayContains(todosTable.tags, value('tags')));
  }
  if (shape.completed !== undefined) {
    where.push(
      shape.completed ? isNotNull(todosTable.completedAt) : isNull(todosTable.completedAt),
    );
  }
  const matching = and(...where);
  const position = sql`(${key}, ${todosTable.id})`;
  const cursor = sql`(${value('cursorKey')}::${shape.field === 'RELEVANCE' ? sql`real` : sql`timestamptz`}, ${value('cursorId')}::uuid)`;
  const ascending = shape.ascending;
  // Row comparison on (key, id) follows the (owner_id, key, id) index: no OFFSET, no sort.
  const ahead = shape.cursor
    ? sql`${position} ${ascending ? sql`>` : sql`<`} ${cursor}`
    : undefined;
  // Whether the list goes on behind the cursor (its own todo included, deleted or not).
  const behind = shape.cursor
    ? sql<boolean>`exists (select 1 from ${todosTable} where ${and(matching, sql`${position} ${ascending ? sql`<=` : sql`>=`} ${cursor}`)})`
    : sql<boolean>`false`;
  const totalCount = sql<number>`(select count(*)::int from ${todosTable} where ${matching})`;
  return { key, matching, ahead, behind, totalCount };
}

/**
 * One statement: the page (plus one row to tell whether more follow) read in index order,
 * the filter's total and what lies behind the cursor as uncorrelated subqueries that
 * PostgreSQL evaluates once.
 */
function pageStatement(db: Database, shape: PageShape) {
  const { key, matching, ahead, behind, totalCount } = pageParts(shape);
  return db
    .select({
      ...todoColumns,
      // Timestamps as ISO 8601 whatever the session's DateStyle; ranks at full precision.
      // Aliased: the rows are read by column name (pageItemOf).
      key: (shape.field === 'RELEVANCE'
        ? sql<string>`${key}::text`
        : sql<string>`to_json(${key}) #>> '{}'`
      ).as('key'),
      totalCount: totalCount.as('total_count'),
      behind: behind.as('behind'),
    })
    .from(todosTable)
    .where(and(matching, ahead))
    .orderBy(
      shape.ascending ? sql`${key} asc` : sql`${key} desc`,
      shape.ascending ? asc(todosTable.id) : desc(todosTable.id),
    )
    .limit(value('limit'));
}

/** Only for an empty page, which has no row to carry the total and what lies behind. */
function totalsStatement(db: Database, shape: PageShape) {
  const { behind, totalCount } = pageParts(shape);
  return db.select({ totalCount, behind }).from(sql`(select 1) as one`);
}

const { id, ownerId, content, tags, completedAt, createdAt, updatedAt, version } = todoColumns;

/** A page row, by column name, as drizzle would map it: each column's own decoder. */
function pageItemOf(row: DriverRow) {
  const todo = {
    id: id.mapFromDriverValue(row.id),
    ownerId: ownerId.mapFromDriverValue(row.owner_id),
    content: content.mapFromDriverValue(row.content),
    tags: tags.mapFromDriverValue(row.tags),
    completedAt:
      row.completed_at === null ? null : completedAt.mapFromDriverValue(row.completed_at),
    createdAt: createdAt.mapFromDriverValue(row.created_at),
    updatedAt: updatedAt.mapFromDriverValue(row.updated_at),
    version: version.mapFromDriverValue(row.version),
  } as TodoView;
  return { todo, key: row.key as string };
}

@injectable()
export class DrizzleTodoReadModel implements TodoReadModel {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async page(request: TodoPageRequest): Promise<TodoPage> {
    const search = request.filter.search?.trim() || undefined;
    const tags = request.filter.tags && request.filter.tags.length > 0 ? request.filter.tags : null;
    const shape: PageShape = {
      field: request.order.field,
      // Backward, the list is walked in reverse from the cursor and the page flipped after.
      ascending: (request.order.direction === 'ASC') !== request.backward,
      cursor: request.cursor !== null,
      search: search !== undefined,
      tags: tags !== null,
      completed: request.filter.completed,
    };
    const name = `todos.page:${shape.field}:${shape.ascending ? 'asc' : 'desc'}:${shape.cursor}:${shape.search}:${shape.tags}:${shape.completed}`;
    const values = {
      owner: request.ownerId,
      search,
      tags: tags ? todosTable.tags.mapToDriverValue([...tags]) : undefined,
      cursorKey: request.cursor?.key,
      cursorId: request.cursor?.id,
      limit: request.size + 1,
    };
    // Up to 101 rows: mapped here rather than by drizzle's generic row mapping.
    const rows = await this.database.preparedRows(name, (db) => pageStatement(db, shape), values);

    const page = rows.slice(0, request.size);
    if (request.backward) {
      page.reverse();
    }
    const beyond = rows.length > request.size;
    const first = rows[0];
    const totals = first
      ? { totalCount: first.total_count as number, behind: first.behind as boolean }
      : ((
          await this.database.prepared(`${name}:totals`, (db) => totalsStatement(db, shape), values)
        )[0] ?? { totalCount: 0, behind: false });
    return {
      items: page.map(pageItemOf),
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
}
