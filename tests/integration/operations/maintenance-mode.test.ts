import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MaintenanceMonitor,
  SetMaintenanceModeHandler,
} from '#modules/operations/application/index.js';
import { MaintenanceMode } from '#modules/operations/domain/maintenance-mode.js';
import { DrizzleMaintenanceModeRepository } from '#modules/operations/infrastructure/drizzle-maintenance-mode.repository.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { OutboxEventPublisher } from '#shared/infrastructure/outbox/outbox-event-publisher.js';
import { FixedClock } from '../../doubles/fixed-clock.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('maintenance mode, stored', () => {
  let database: TestDatabase;
  let repository: DrizzleMaintenanceModeRepository;
  let clock: FixedClock;
  let setMode: SetMaintenanceModeHandler;
  let monitor: MaintenanceMonitor;

  beforeEach(async () => {
    database = await openTestDatabase();
    const context = new DatabaseContext(database.db);
    repository = new DrizzleMaintenanceModeRepository(context);
    clock = new FixedClock();
    monitor = new MaintenanceMonitor(repository, { pollIntervalMs: 50, onPollError: () => {} });
    const runtime = { version: '1.2.3', startedAt: clock.now(), database: database.kind };
    setMode = new SetMaintenanceModeHandler(
      repository,
      monitor,
      runtime,
      clock,
      new OutboxEventPublisher(context, { info: () => {} }),
      context,
    );
  });
  afterEach(async () => {
    monitor.stop();
    await database.close();
  });

  it('reads as off, never changed, before anyone switched it', async () => {
    expect(await repository.load()).toEqual(MaintenanceMode.initial);
  });

  it('stores a switch with its time and reports it', async () => {
    const view = await setMode.execute({ enabled: true });
    expect(view).toMatchObject({ maintenance: true, maintenanceChangedAt: clock.now() });
    expect(await repository.load()).toEqual(MaintenanceMode.restore(true, clock.now()));
  });

  it('keeps the first change time when switched on twice', async () => {
    await setMode.execute({ enabled: true });
    const first = clock.now();
    clock.advance(60_000);
    const view = await setMode.execute({ enabled: true });
    expect(view.maintenanceChangedAt).toEqual(first);
  });

  it('agrees on one state when two switches race', async () => {
    await Promise.all([setMode.execute({ enabled: true }), setMode.execute({ enabled: true })]);
    const stored = await repository.load();
    expect(stored.enabled).toBe(true);
    expect(stored.changedAt).toEqual(clock.now());
  });

  it('lets a monitor see a change written by another replica', async () => {
    await monitor.start();
    expect(monitor.current.enabled).toBe(false);
    await repository.save(MaintenanceMode.restore(true, clock.now()));
    await expect.poll(() => monitor.current.enabled, { timeout: 2_000 }).toBe(true);
  });
});
