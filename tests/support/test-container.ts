import type { Container } from 'inversify';
import { pino } from 'pino';
import { buildContainer } from '#app/container.js';
import { PASSWORD_HASHER } from '#modules/identity/application/ports/password-hasher.js';
import { CLOCK } from '#shared/application/clock.js';
import { FastHasher } from '../doubles/fast-hasher.js';
import { FixedClock } from '../doubles/fixed-clock.js';
import { testConfig } from './test-config.js';
import type { TestDatabase } from './test-database.js';

export interface TestContainer {
  readonly container: Container;
  readonly clock: FixedClock;
  readonly hasher: FastHasher;
}

/** The real container on a test database, with the clock and the hasher made deterministic. */
export function buildTestContainer(
  database: TestDatabase,
  hasher = new FastHasher(),
): TestContainer {
  const clock = new FixedClock();
  const container = buildContainer({
    config: testConfig(),
    database,
    logger: pino({ level: 'silent' }),
    runtime: { version: '0.0.0-test', startedAt: clock.now(), database: database.kind },
  });
  container.rebind(CLOCK).toConstantValue(clock);
  container.rebind(PASSWORD_HASHER).toConstantValue(hasher);
  return { container, clock, hasher };
}
