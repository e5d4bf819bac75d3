import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import {
  type BenchServer,
  ensureDatabase,
  freePort,
  machineSummary,
  percentiles,
  startServer,
  writeReport,
} from './bench-support.js';

/**
 * Scale-out, tested without Docker: HAProxy (Debian's package) in front of three Strata
 * processes on one PostgreSQL database, as docker-compose.yml runs them. Mixed load from
 * VIRTUAL_USERS signed-in clients; during it one replica is rolled (SIGTERM, restarted on
 * the same port) and later another is killed with -9 (and restarted). Then: which requests
 * failed and when, whether every acknowledged write is in the database, and throughput
 * with one, two and three replicas. Writes bench/reports/scale-out.md and fails if a
 * request failed during the roll or at any other time, if one failed during the kill that
 * was sent after the killed process had exited, or if an acknowledged write is missing. BENCH_SMOKE=1: the short
 * form CI runs.
 */
const SMOKE = process.env.BENCH_SMOKE === '1';
const URL_PG =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_scale_out_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 36 : 60));
const THROUGHPUT_SECONDS = SMOKE ? 3 : 10;
const VIRTUAL_USERS = 16;
const GRACE_MS = 3_000;
const REPORT = SMOKE ? 'bench/reports/scale-out-smoke.tmp' : 'bench/reports/scale-out.md';

type Kind = 'create' | 'complete' | 'page' | 'context';

interface Outcome {
  readonly kind: Kind;
  readonly started: number;
  readonly ended: number;
  readonly ok: boolean;
  readonly detail: string;
}

interface Account {
  readonly token: string;
  readonly created: string[];
  readonly completed: string[];
}

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<{ ok: boolean; data: Record<string, unknown> | null; detail: string }> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { extensions?: { code?: string } }[];
    };
    const ok = response.status === 200 && !body.errors;
    return {
      ok,
      data: body.data ?? null,
      detail: ok ? '' : `${response.status} ${body.errors?.[0]?.extensions?.code ?? ''}`.trim(),
    };
  } catch (error) {
    return { ok: false, data: null, detail: (error as Error).cause?.toString() ?? String(error) };
  }
}

/** One client: a mix of writes and reads, one request at a time, until `until`. */
async function virtualUser(
  url: string,
  account: Account,
  until: number,
  outcomes: Outcome[],
): Promise<void> {
  let step = 0;
  while (Date.now() < until) {
    step += 1;
    const started = Date.now();
    const open = account.created.filter((id) => !account.completed.includes(id));
    let kind: Kind;
    let result: Awaited<ReturnType<typeof graphql>>;
    if (step % 4 === 1) {
      kind = 'create';
      result = await graphql(
        url,
        'mutation ($input: CreateTodoInput!) { createTodo(input: $input) { todo { id } userErrors { code } } }',
        { input: { content: `scale-out ${started} ${step}`, tags: ['load'] } },
        account.token,
      );
      const id = (result.data?.createTodo as { todo?: { id: string } } | undefined)?.todo?.id;
      if (result.ok && id) {
        account.created.push(id);
      }
    } else if (step % 4 === 2 && open.length > 0) {
      kind = 'complete';
      const id = open[0] as string;
      result = await graphql(
        url,
        'mutation ($id: ID!) { completeTodo(id: $id) { todo { id completed } userErrors { code } } }',
        { id },
        account.token,
      );
      if (result.ok) {
        account.completed.push(id);
      }
    } else if (step % 4 === 3) {
      kind = 'page';
      result = await graphql(
        url,
        'query { todos(first: 20) { totalCount edges { node { id content completed } } } }',
        {},
        account.token,
      );
    } else {
      kind = 'context';
      result = await graphql(url, '{ serviceContext { maintenance version } }', {}, null);
    }
    outcomes.push({ kind, started, ended: Date.now(), ok: result.ok, detail: result.detail });
  }
}

interface Balancer {
  readonly url: string;
  stop(): Promise<void>;
}

/** HAProxy as deploy/haproxy/haproxy.cfg configures it, with static servers. */
async function startHaproxy(ports: readonly number[], dir: string): Promise<Balancer> {
  const port = await freePort();
  const config = join(dir, `haproxy-${ports.length}.cfg`);
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  retries 2',
      '  option redispatch',
      // Sent again, to another replica, only when it could not connect: never a request that
      // may have been processed (a retried createTodo could be written twice).
      '  retry-on conn-failure',
      // A connection to the server per request: a request is never sent over a kept-alive
      // connection to a replica that has just died (it would fail, sent but unanswered);
      // it finds the port closed and goes elsewhere.
      '  option http-server-close',
      'frontend strata',
      `  bind 127.0.0.1:${port}`,
      '  default_backend api',
      'backend api',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      '  http-check expect status 200',
      '  default-server check inter 500 fall 2 rise 2',
      ...ports.map((server, index) => `  server api${index + 1} 127.0.0.1:${server}`),
      '',
    ].join('\n'),
  );
  execFileSync('haproxy', ['-c', '-q', '-f', config]);
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (
    !(await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('HAProxy did not route to a ready replica within 15 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const replicaEnv = {
  DATABASE_URL: URL_PG,
  SHUTDOWN_GRACE_MS: String(GRACE_MS),
  LOG_LEVEL: 'warn',
};

async function register(url: string, index: number): Promise<Account> {
  const result = await graphql(
    url,
    'mutation ($input: RegisterInput!) { register(input: $input) { auth { accessToken } userErrors { code } } }',
    {
      input: {
        email: `scale-${Date.now()}-${index}@example.com`,
        password: 'a long enough password',
        displayName: `Load ${index}`,
      },
    },
    null,
  );
  const token = (result.data?.register as { auth?: { accessToken: string } } | undefined)?.auth
    ?.accessToken;
  if (!token) {
    throw new Error(`register failed: ${result.detail}`);
  }
  return { token, created: [], completed: [] };
}

/** Requests per second through HAProxy with the first `count` replicas. */
async function throughput(
  replicas: readonly BenchServer[],
  count: number,
  accounts: readonly Account[],
  dir: string,
): Promise<{ count: number; rps: number; p50: number; p99: number; failed: number }> {
  const ports = replicas.slice(0, count).map((replica) => Number(new URL(replica.url).port));
  const balancer = await startHaproxy(ports, dir);
  try {
    const outcomes: Outcome[] = [];
    const until = Date.now() + THROUGHPUT_SECONDS * 1000;
    await Promise.all(
      accounts.map((account) => virtualUser(balancer.url, account, until, outcomes)),
    );
    const timings = percentiles(outcomes.map((outcome) => outcome.ended - outcome.started));
    return {
      count,
      rps: outcomes.length / THROUGHPUT_SECONDS,
      p50: timings.p50,
      p99: timings.p99,
      failed: outcomes.filter((outcome) => !outcome.ok).length,
    };
  } finally {
    await balancer.stop();
  }
}

async function main(): Promise<void> {
  execFileSync('haproxy', ['-v']);
  await ensureDatabase(URL_PG);
  const dir = mkdtempSync(join(tmpdir(), 'strata-scale-out-'));
  const replicas: BenchServer[] = [];
  try {
    for (let index = 0; index < 3; index += 1) {
      replicas.push(await startServer(replicaEnv));
    }
    const ports = replicas.map((replica) => Number(new URL(replica.url).port));
    const balancer = await startHaproxy(ports, dir);
    const accounts: Account[] = [];
    for (let index = 0; index < VIRTUAL_USERS; index += 4) {
      accounts.push(
        ...(await Promise.all(
          [0, 1, 2, 3].map((offset) => register(balancer.url, index + offset)),
        )),
      );
    }

    // The run: steady, a rolling restart of replica 1, steady, replica 2 killed, steady.
    const outcomes: Outcome[] = [];
    const started = Date.now();
    const until = started + SECONDS * 1000;
    const load = Promise.all(
      accounts.map((account) => virtualUser(balancer.url, account, until, outcomes)),
    );
    const at = (fraction: number) =>
      new Promise((resolve) =>
        setTimeout(resolve, started + SECONDS * 1000 * fraction - Date.now()),
      );

    await at(0.2);
    const rollStarted = Date.now();
    await (replicas[0] as BenchServer).stop('SIGTERM');
    replicas[0] = await startServer(replicaEnv, { port: ports[0] });
    const rollEnded = Date.now();

    // The kill comes once the roll is over and settled, for the two to be told apart.
    await at(0.6);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, rollEnded + 3_000 - Date.now())),
    );
    const killedAt = Date.now();
    await (replicas[1] as BenchServer).stop('SIGKILL');
    // Until the process is gone its listening socket still takes connections (the kernel
    // completes them), so requests sent to it up to now die with it.
    const killExited = Date.now();
    replicas[1] = await startServer(replicaEnv, { port: ports[1] });
    const killEnded = Date.now();
    await load;
    await balancer.stop();

    const failed = outcomes.filter((outcome) => !outcome.ok);
    const during = (from: number, to: number) =>
      failed.filter((outcome) => outcome.ended >= from && outcome.started <= to);
    const rollFailures = during(rollStarted, Math.min(rollEnded + 2_000, killedAt - 1));
    const killFailures = during(killedAt, killEnded + 2_000);
    // Sent while the killed process was dying: in flight on some replica at some moment
    // between the signal and its exit.
    const inFlightAtKill = outcomes.filter(
      (outcome) => outcome.started <= killExited && outcome.ended >= killedAt,
    ).length;
    const killFailuresNotInFlight = killFailures.filter((outcome) => outcome.started > killExited);
    const otherFailures = failed.filter(
      (outcome) => !rollFailures.includes(outcome) && !killFailures.includes(outcome),
    );

    // Every acknowledged write is stored.
    const sql = postgres(URL_PG, { max: 1, onnotice: () => {} });
    const created = accounts.flatMap((account) => account.created);
    const completed = accounts.flatMap((account) => account.completed);
    const stored = await sql<{ id: string; completed: boolean }[]>`
      select id::text, completed_at is not null as completed from todos.todos where id = any(${created}::uuid[])`;
    await sql.end();
    const storedIds = new Map(stored.map((row) => [row.id, row.completed]));
    const missing = created.filter((id) => !storedIds.has(id));
    const notCompleted = completed.filter((id) => storedIds.get(id) !== true);

    const scaling = [];
    for (const count of [1, 2, 3]) {
      scaling.push(await throughput(replicas, count, accounts, dir));
    }

    const timings = percentiles(outcomes.map((outcome) => outcome.ended - outcome.started));
    const pass =
      rollFailures.length === 0 &&
      killFailuresNotInFlight.length === 0 &&
      otherFailures.length === 0 &&
      missing.length === 0 &&
      notCompleted.length === 0;
    const describeFailures = (list: readonly Outcome[]) =>
      list.length === 0
        ? 'none'
        : list
            .map(
              (outcome) =>
                `${outcome.kind} at ${((outcome.started - started) / 1000).toFixed(2)} s (${outcome.detail || 'error'})`,
            )
            .join('; ');
    const lines = [
      '# Scale-out: three replicas behind HAProxy, a rolling restart and a kill -9',
      '',
      `Generated by \`npm run bench:scale-out\` (${new Date().toISOString()}) on ${machineSummary()}.`,
      `HAProxy (${execFileSync('haproxy', ['-v']).toString().split('\n')[0]?.trim()}) checks \`/readyz\` every 500 ms`,
      '(down after 2 failures) in front of three production-mode Strata processes on one',
      `PostgreSQL database, each with \`SHUTDOWN_GRACE_MS=${GRACE_MS}\`; HAProxy sends a request`,
      'again, to another replica, only when it could not connect (never one that may have been',
      'processed). Load generator, HAProxy, replicas and PostgreSQL share the machine.',
      '',
      '## The run',
      '',
      `${VIRTUAL_USERS} signed-in clients, one request at a time each, for ${SECONDS} s: a quarter each`,
      'of `createTodo`, `completeTodo`, `todos(first: 20)` and an anonymous `serviceContext`.',
      `At ${((rollStarted - started) / 1000).toFixed(1)} s replica 1 gets SIGTERM and is started again on its port`,
      `(back after ${((rollEnded - rollStarted) / 1000).toFixed(1)} s); at ${((killedAt - started) / 1000).toFixed(1)} s replica 2 is killed with -9 and`,
      `started again (back after ${((killEnded - killedAt) / 1000).toFixed(1)} s).`,
      '',
      '| | |',
      '|---|---|',
      `| Requests | ${outcomes.length} (${(outcomes.length / SECONDS).toFixed(0)}/s), p50 ${timings.p50} ms, p99 ${timings.p99} ms |`,
      `| Failed during the rolling restart (target 0) | **${rollFailures.length}**: ${describeFailures(rollFailures)} |`,
      `| Failed during the kill | **${killFailures.length}**: ${describeFailures(killFailures)} |`,
      `| … of those, sent after the killed process had exited (target 0) | **${killFailuresNotInFlight.length}** (it took ${killExited - killedAt} ms to die; requests in flight on all three replicas meanwhile: ${inFlightAtKill}, about a third of them on it) |`,
      `| Failed at other times (target 0) | **${otherFailures.length}**: ${describeFailures(otherFailures)} |`,
      `| Acknowledged creates / completions | ${created.length} / ${completed.length} |`,
      `| … missing from the database (target 0) | **${missing.length}** / **${notCompleted.length}** |`,
      '',
      `**${pass ? 'Pass' : 'FAIL'}**`,
      '',
      '## Throughput by number of replicas',
      '',
      `The same ${VIRTUAL_USERS} clients for ${THROUGHPUT_SECONDS} s through HAProxy with one, two and three replicas:`,
      '',
      '| replicas | requests/s | p50 (ms) | p99 (ms) | failed |',
      '|---|---|---|---|---|',
      ...scaling.map(
        (row) =>
          `| ${row.count} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.failed} |`,
      ),
      '',
      'On this 2-core machine the replicas, PostgreSQL, HAProxy and the load generator share two',
      'cores, so replicas beyond the first add availability more than throughput: the ratios say',
      'what one more process buys when the cores are already busy, not what separate machines would.',
      '',
    ];
    writeReport(REPORT, lines.join('\n'));
    if (!pass) {
      throw new Error('scale-out test failed: see the report');
    }
  } finally {
    for (const replica of replicas) {
      await replica.stop('SIGKILL').catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
