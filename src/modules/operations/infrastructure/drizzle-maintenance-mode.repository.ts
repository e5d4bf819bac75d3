import { eq, sql } from 'drizzle-orm';
import { inject, injectable } from 'inversify';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import type { MaintenanceModeRepository } from '../application/ports/maintenance-mode.repository.js';
import { MaintenanceMode } from '../domain/maintenance-mode.js';
import { serviceContextTable } from './operations.tables.js';

@injectable()
export class DrizzleMaintenanceModeRepository implements MaintenanceModeRepository {
  constructor(@inject(DatabaseContext) private readonly database: DatabaseContext) {}

  async load(): Promise<MaintenanceMode> {
    const [row] = await this.database.db
      .select()
      .from(serviceContextTable)
      .where(eq(serviceContextTable.id, 1));
    return row ? MaintenanceMode.restore(row.maintenance, row.changedAt) : MaintenanceMode.initial;
  }

  async save(mode: MaintenanceMode): Promise<MaintenanceMode> {
    const [stored] = await this.database.db
      .insert(serviceContextTable)
      .values({ id: 1, maintenance: mode.enabled, changedAt: mode.changedAt })
      .onConflictDoUpdate({
        target: serviceContextTable.id,
        set: {
          maintenance: mode.enabled,
          // A concurrent writer that already made the same switch keeps its change time.
          changedAt: sql`case when ${serviceContextTable.maintenance} = excluded.maintenance
            then ${serviceContextTable.changedAt} else excluded.changed_at end`,
        },
      })
      .returning();
    return stored ? MaintenanceMode.restore(stored.maintenance, stored.changedAt) : mode;
  }
}
