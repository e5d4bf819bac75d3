import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { seedUser } from '#cli/seed/seed-data.js';
import { seed } from '#cli/seed/seeder.js';
import type { TodoPageRequest } from '#modules/todos/application/ports/todo.read-model.js';
import { DrizzleTodoReadModel } from '#modules/todos/infrastructure/drizzle-todo.read-model.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { rowsOf } from '#shared/infrastructure/database/migrations.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { ensureDatabase, percentiles, writeReport } from './bench-support.js';

/**
 * The todos page at a million rows on PostgreSQL: seeds a dedicated database (once; reruns
 * reuse it), then times the statement the API runs for each case. Target: each under 50 ms.
 */
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_bench';
const TODOS = Number(process.env.BENCH_TODOS ?? 1_000_000);
const USERS = 50;
const RUNS = 30;
const REPORT = 'bench/reports/todos.md';

async function time(
  run: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number }> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const { p50, p95, max } = percentiles(samples);
  return { p50, p95, max };
}

await ensureDatabase(url);
const database = openPostgresDatabase({ url, poolMax: 4 });
await database.migrate();
const [present] = rowsOf<{ n: number }>(
  await database.db.execute(sql`select count(*)::int as n from todos.todos`),
);
const seedStarted = performance.now();
const seeded =
  (present?.n ?? 0) >= TODOS
    ? { todos: 0 }
    : await seed(
        database.db,
        {
          users: USERS,
          todos: TODOS,
          passwordHash: 'not-for-sign-in',
          now: new Date('2026-11-01T00:00:00Z'),
        },
        (done) => {
          if (done % 100_000 === 0) {
            console.log(`seeded ${done}/${TODOS}`);
          }
        },
      );
console.log(
  `seed: ${seeded.todos} new todos in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
);

const readModel = new DrizzleTodoReadModel(new DatabaseContext(database.db));
const owner = seedUser(0).id;
const base: TodoPageRequest = {
  ownerId: owner,
  size: 20,
  filter: {},
  order: { field: 'CREATED_AT', direction: 'DESC' },
  cursor: null,
  backward: false,
};
const [deep] = rowsOf<{ key: string; id: string }>(
  await database.db.execute(sql`
    select to_json(created_at) #>> '{}' as key, id from todos.todos where owner_id = ${owner}
    order by created_at desc, id desc offset 15000 limit 1`),
);
const [{ total } = { total: 0 }] = rowsOf<{ total: number }>(
  await database.db.execute(sql`select count(*)::int as total from todos.todos`),
);

const cases: [string, TodoPageRequest][] = [
  ['first page (20, newest first)', base],
  ['deep page by cursor (after the 15,000th)', { ...base, cursor: deep ?? null }],
  ['tag filter (all of: home, urgent)', { ...base, filter: { tags: ['home', 'urgent'] } }],
  [
    'search "party" ranked by relevance',
    { ...base, filter: { search: 'party' }, order: { field: 'RELEVANCE', direction: 'DESC' } },
  ],
];
const rows: string[] = [];
for (const [name, request] of cases) {
  const page = await readModel.page(request);
  const timing = await time(() => readModel.page(request));
  const verdict = timing.p95 < 50 ? 'ok' : 'over 50 ms';
  rows.push(
    `| ${name} | ${page.items.length} of ${page.totalCount} | ${timing.p50.toFixed(1)} | ${timing.p95.toFixed(1)} | ${timing.max.toFixed(1)} | ${verdict} |`,
  );
  console.log(rows.at(-1));
}
await database.close();

writeReport(
  REPORT,
  `# Todos page at ${total.toLocaleString('en')} rows (PostgreSQL)

Written by \`npm run bench\` on ${new Date().toISOString()}. ${USERS} users, so one user owns
about ${Math.round(total / USERS).toLocaleString('en')} todos. Each case is the one SQL statement the API runs for
\`todos(...)\` (page + one extra row + totalCount), timed ${RUNS} times after a warm-up, in
milliseconds, on this machine (2 cores). Target: under 50 ms each.

| case | rows (page of total) | p50 | p95 | max | target |
|---|---|---|---|---|---|
${rows.join('\n')}
`,
);
