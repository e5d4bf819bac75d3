import { and, eq } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { isUuid } from '#shared/domain/ids.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { TodoRepository } from '../application/ports/todo.repository.js';
import { Content } from '../domain/content.js';
import { TagSet } from '../domain/tags.js';
import { Todo } from '../domain/todo.js';
import { todoColumns, todosTable } from './todos.tables.js';

const owned = (id: string, ownerId: string) =>
  and(eq(todosTable.id, id), eq(todosTable.ownerId, ownerId));

@injectable()
export class DrizzleTodoRepository implements TodoRepository {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async add(todo: Todo): Promise<void> {
    await this.database.db.insert(todosTable).values(toRow(todo));
  }

  async findOwned(id: string, ownerId: string): Promise<Todo | null> {
    if (!isUuid(id)) {
      return null;
    }
    const [row] = await this.database.db
      .select(todoColumns)
      .from(todosTable)
      .where(owned(id, ownerId));
    return row
      ? Todo.restore({
          ...row,
          content: Content.restore(row.content),
          tags: TagSet.restore(row.tags),
        })
      : null;
  }

  async update(todo: Todo): Promise<boolean> {
    // Optimistic concurrency: the row must still be at the version the todo was read at.
    const { id, ownerId, version, ...changes } = toRow(todo);
    const updated = await this.database.db
      .update(todosTable)
      .set({ ...changes, version })
      .where(and(owned(id, ownerId), eq(todosTable.version, todo.storedVersion)))
      .returning({ id: todosTable.id });
    return updated.length === 1;
  }

  async remove(id: string, ownerId: string): Promise<boolean> {
    if (!isUuid(id)) {
      return false;
    }
    const removed = await this.database.db
      .delete(todosTable)
      .where(owned(id, ownerId))
      .returning({ id: todosTable.id });
    return removed.length === 1;
  }
}

function toRow(todo: Todo) {
  return {
    id: todo.id,
    ownerId: todo.ownerId,
    content: todo.content.value,
    tags: [...todo.tags.values],
    completedAt: todo.completedAt,
    createdAt: todo.createdAt,
    updatedAt: todo.updatedAt,
    version: todo.version,
  };
}
