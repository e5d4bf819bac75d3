import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { QUERIES } from '../bench/raw/queries.mjs';
import {
  type BenchServer,
  cpuOf,
  ensureDatabase,
  machineSummary,
  startServer,
  writeReport,
} from './bench-support.js';

/**
 * Strata against the hand-written endpoint in bench/raw (node:http + postgres.js, the same
 * JWT check and session read, the same JSON): each answer checked byte for byte, then
 * alternated A/B rounds of autocannon (32 connections), on PostgreSQL and on the embedded
 * database. Writes bench/reports/http.md. BENCH_SMOKE=1: a small database and one short
 * round, to keep the benchmark working in CI.
 */
const SMOKE = process.env.BENCH_SMOKE === '1';
const URL_PG =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_http_bench';
const USERS = 50;
const TODOS = SMOKE ? 2_000 : 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 1 : 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 1 : 10));
const WARMUP_SECONDS = SMOKE ? 1 : 3;
const CONNECTIONS = 32;
const JWT_SECRET = 'bench-server-jwt-secret-0123456789abcdef';
const REPORT = SMOKE ? 'bench/reports/http-smoke.tmp' : 'bench/reports/http.md';

interface Request {
  readonly name: string;
  readonly body: string;
  readonly signedIn: boolean;
  /** Also measured on Apollo Server and fastify alone (bench/raw/apollo-floor.mjs). */
  readonly floor?: boolean;
}

const REQUESTS: Request[] = [
  {
    name: '`todos(first: 20)` with owner',
    body: JSON.stringify({ query: QUERIES.todos, variables: { first: 20 } }),
    signedIn: true,
  },
  {
    name: '`todos(first: 100)` with owner',
    body: JSON.stringify({ query: QUERIES.todos, variables: { first: 100 } }),
    signedIn: true,
  },
  {
    name: '`{ serviceContext { version } }`, no token',
    body: JSON.stringify({ query: QUERIES.serviceContext }),
    signedIn: false,
    floor: true,
  },
];

interface Measure {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuUs: number;
  readonly pgCpuUs: number;
}

/** Where two answers part, with some context from each. */
function difference(strata: string, raw: string): string {
  let at = 0;
  while (at < strata.length && strata[at] === raw[at]) {
    at += 1;
  }
  return `at byte ${at}\nstrata: …${strata.slice(Math.max(0, at - 80), at + 120)}\nraw:    …${raw.slice(Math.max(0, at - 80), at + 120)}`;
}

/** CPU of every PostgreSQL server process (backends and background), in µs. */
function postgresCpu(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm.startsWith('postgres:')) {
        total += cpuOf(Number(entry));
      }
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

async function load(url: string, request: Request, token: string, seconds: number) {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      ...(request.signedIn ? { authorization: `Bearer ${token}` } : {}),
    },
    body: request.body,
  });
}

async function measure(server: BenchServer, request: Request, token: string): Promise<Measure> {
  await load(server.url, request, token, WARMUP_SECONDS);
  const cpu = cpuOf(server.pid);
  const pg = postgresCpu();
  const result = await load(server.url, request, token, SECONDS);
  const served = result.requests.total;
  if (result.non2xx > 0 || result.errors > 0 || served === 0) {
    throw new Error(`${request.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    rps: served / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: (cpuOf(server.pid) - cpu) / served,
    pgCpuUs: (postgresCpu() - pg) / served,
  };
}

async function answerOf(url: string, request: Request, token: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(request.signedIn ? { authorization: `Bearer ${token}` } : {}),
    },
    body: request.body,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) {
    throw new Error(`${request.name} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text;
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($input: LoginInput!) { login(input: $input) { auth { accessToken } userErrors { message } } }',
      variables: { input: { email: 'seed-user-1@example.com', password: 'strata-seed-password' } },
    }),
  });
  const body = (await response.json()) as {
    data?: { login: { auth: { accessToken: string } | null } };
  };
  const token = body.data?.login.auth?.accessToken;
  if (!token) {
    throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  }
  return token;
}

function seedWith(env: Record<string, string>): void {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'db',
      'seed',
      '--users',
      String(USERS),
      '--todos',
      String(TODOS),
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: 'inherit' },
  );
}

type Starter = () => Promise<BenchServer>;

/** The access token of the last sign-in: the profiles reuse it. */
let signedInToken = '';

// As `npm start` and the Docker image run it.
const strataArgs = ['--max-semi-space-size=64', 'dist/main.js'];
const rawArgs = ['bench/raw/server.mjs'];
const floorArgs = ['bench/raw/apollo-floor.mjs'];
const common = { JWT_SECRET, DATABASE_POOL_MAX: '10' };

type Side = 'strata' | 'raw' | 'floor';

interface Row {
  readonly request: Request;
  readonly strata: Measure[];
  readonly raw: Measure[];
  readonly floor: Measure[];
}

/**
 * For each request: the answers compared, then ROUNDS rounds of Strata and raw, the order
 * flipped every round. `together` keeps both running (PostgreSQL); otherwise each side runs
 * alone over the same data directory (PGlite has one owner at a time).
 */
async function compare(
  strata: Starter,
  raw: Starter,
  together: boolean,
  floor?: Starter,
): Promise<Row[]> {
  const rows: Row[] = [];
  let token = '';
  if (together) {
    const servers: Partial<Record<Side, BenchServer>> = {
      strata: await strata(),
      raw: await raw(),
    };
    if (floor) {
      servers.floor = await floor();
    }
    const { strata: a, raw: b } = servers as Record<'strata' | 'raw', BenchServer>;
    try {
      token = await signIn(a.url);
      signedInToken = token;
      for (const request of REQUESTS) {
        const expected = await answerOf(b.url, request, token);
        for (const side of sidesOf(request, servers)) {
          const answer = await answerOf((servers[side] as BenchServer).url, request, token);
          if (answer !== expected) {
            throw new Error(
              `${request.name}: ${side} answers differently ${difference(answer, expected)}`,
            );
          }
        }
      }
      for (const request of REQUESTS) {
        const row: Row = { request, strata: [], raw: [], floor: [] };
        const sides = sidesOf(request, servers);
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
            row[side].push(await measure(servers[side] as BenchServer, request, token));
          }
        }
        rows.push(row);
        console.log(summary(row));
      }
    } finally {
      await Promise.all(Object.values(servers).map((server) => server.stop()));
    }
    return rows;
  }
  const request = REQUESTS[0] as Request;
  const row: Row = { request, strata: [], raw: [], floor: [] };
  const answers: Record<string, string> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ['strata', 'raw'] : ['raw', 'strata'];
    for (const side of order) {
      const server = await (side === 'strata' ? strata() : raw());
      try {
        if (!token) {
          token = await signIn(server.url);
          signedInToken = token;
        }
        answers[side] ??= await answerOf(server.url, request, token);
        (side === 'strata' ? row.strata : row.raw).push(await measure(server, request, token));
      } finally {
        await server.stop();
      }
    }
  }
  if (answers.strata !== answers.raw) {
    throw new Error(
      `embedded: the answers differ ${difference(answers.strata ?? '', answers.raw ?? '')}`,
    );
  }
  console.log(summary(row));
  return [row];
}

/** The servers a request is measured on: the floor too where the request asks for it. */
function sidesOf(request: Request, servers: Partial<Record<Side, BenchServer>>): Side[] {
  return request.floor && servers.floor ? ['strata', 'raw', 'floor'] : ['strata', 'raw'];
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

/** Where a profiled function comes from: a package, Node itself, Strata, or V8. */
function packageOf(url: string, name: string): string {
  if (url === '') {
    return name.startsWith('(') ? name : 'V8 / native';
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  if (url.startsWith('node:')) {
    return 'node (built-in)';
  }
  return url.includes('/dist/') ? 'strata' : url;
}

/** Self time per request of a profiled server: by package, and by function. */
interface Profile {
  readonly served: number;
  readonly total: number;
  readonly byPackage: Map<string, number>;
  readonly byFunction: Map<string, number>;
}

/** The packages that are the database itself: its driver, or PGlite and its WebAssembly. */
const isDatabase = (owner: string) =>
  owner === 'postgres' || owner === '@electric-sql/pglite' || owner.startsWith('wasm://');

/**
 * A CPU profile (node --cpu-prof) of a server serving `request` for the warm-up and SECONDS,
 * as self time per request served, by package and by function. `start` gets the profiler's
 * flags to put before its own arguments.
 */
async function profileOf(
  start: (flags: string[]) => Promise<BenchServer>,
  request: Request,
  token: string,
): Promise<Profile> {
  const folder = await mkdtemp(join(tmpdir(), 'strata-profile-'));
  // The profiler starts with the process: its clock is placed against ours from the launch
  // (within Node's start-up, some tens of ms), to keep only the measured window's samples.
  const launched = performance.now();
  const server = await start(['--cpu-prof', `--cpu-prof-dir=${folder}`]);
  let served = 0;
  let from = 0;
  let to = 0;
  try {
    await load(server.url, request, token, WARMUP_SECONDS);
    from = performance.now() - launched;
    served = (await load(server.url, request, token, SECONDS)).requests.total;
    to = performance.now() - launched;
  } finally {
    await server.stop();
  }
  // The main thread's profile is the largest (workers write their own).
  const files = readdirSync(folder).filter((name) => name.endsWith('.cpuprofile'));
  const texts = files.map((name) => readFileSync(join(folder, name), 'utf8'));
  await rm(folder, { recursive: true, force: true });
  const text = texts.sort((a, b) => b.length - a.length)[0];
  if (!text) {
    throw new Error(`${request.name}: no profile was written`);
  }
  const data = JSON.parse(text) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
  };
  // Each sample's node and duration (µs), for the samples inside the measured window.
  const spent = new Map<number, number>();
  let at = data.startTime;
  data.samples.forEach((id, index) => {
    const delta = data.timeDeltas[index] ?? 0;
    at += delta;
    const ms = (at - data.startTime) / 1000;
    if (ms >= from && ms <= to) {
      spent.set(id, (spent.get(id) ?? 0) + delta);
    }
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of data.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const own = spent.get(node.id);
    if (functionName === '(idle)' || !own) {
      continue;
    }
    const owner = packageOf(url, functionName);
    const time = own / served;
    total += time;
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + time);
    const name = `\`${functionName || '(anonymous)'}\` ${owner}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  }
  return { served, total, byPackage, byFunction };
}

const SIDE_NAMES: Record<Side, string> = { strata: 'Strata', raw: 'raw', floor: 'floor' };

/** One request's profiles side by side: by package, the split at the database, Strata's top functions. */
function profileTable(
  request: Request,
  where: string,
  profiles: Partial<Record<Side, Profile>>,
): string {
  const sides = (Object.keys(profiles) as Side[]).filter((side) => profiles[side]);
  const of = (side: Side) => profiles[side] as Profile;
  const strata = of('strata');
  const packages = [...strata.byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([name]) => name);
  const cell = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
  const outside = (profile: Profile) =>
    profile.total -
    [...profile.byPackage.entries()]
      .filter(([owner]) => isDatabase(owner))
      .reduce((sum, [, time]) => sum + time, 0);
  const head = `| package | ${sides.map((side) => `${SIDE_NAMES[side]} µs/req`).join(' | ')} |`;
  const rule = `|---|${sides.map(() => '---|').join('')}`;
  const rows = [
    ...packages.map(
      (name) =>
        `| ${name} | ${sides.map((side) => cell(of(side).byPackage.get(name))).join(' | ')} |`,
    ),
    `| **all main-thread CPU** | ${sides.map((side) => `**${cell(of(side).total)}**`).join(' | ')} |`,
    `| of which outside the database (driver, PGlite) | ${sides.map((side) => cell(outside(of(side)))).join(' | ')} |`,
  ];
  const functions = [...strata.byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, time]) => `| ${name} | ${time.toFixed(1)} |`);
  return `### ${request.name}, ${where}

Self time per request served, over the ${SECONDS} s after the warm-up (${sides.map((side) => `${SIDE_NAMES[side]}: ${of(side).served} requests`).join(', ')}).

${head}
${rule}
${rows.join('\n')}

Strata's top functions:

| function | µs / request |
|---|---|
${functions.join('\n')}`;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const avg = (measures: Measure[], key: keyof Measure) => mean(measures.map((m) => m[key]));
const ratio = (row: Row) => avg(row.strata, 'rps') / avg(row.raw, 'rps');
const summary = (row: Row) =>
  `${row.request.name}: strata ${avg(row.strata, 'rps').toFixed(0)} req/s, raw ${avg(row.raw, 'rps').toFixed(0)} req/s, ratio ${ratio(row).toFixed(2)}`;

function table(rows: Row[], targets: number[]): string {
  const lines = [
    '| request | Strata req/s | raw req/s | Strata / raw | target | Strata p50 / p99 ms | raw p50 / p99 ms | Strata CPU µs/req | raw CPU µs/req | PostgreSQL CPU µs/req (Strata / raw) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  rows.forEach((row, index) => {
    const r = ratio(row);
    const target = targets[index] ?? 0;
    lines.push(
      `| ${row.request.name} | ${avg(row.strata, 'rps').toFixed(0)} | ${avg(row.raw, 'rps').toFixed(0)} | **${r.toFixed(2)}** | ≥ ${target} ${r >= target ? '✓' : '✗'} | ${avg(row.strata, 'p50').toFixed(1)} / ${avg(row.strata, 'p99').toFixed(1)} | ${avg(row.raw, 'p50').toFixed(1)} / ${avg(row.raw, 'p99').toFixed(1)} | ${avg(row.strata, 'cpuUs').toFixed(0)} | ${avg(row.raw, 'cpuUs').toFixed(0)} | ${avg(row.strata, 'pgCpuUs').toFixed(0)} / ${avg(row.raw, 'pgCpuUs').toFixed(0)} |`,
    );
  });
  return lines.join('\n');
}

/** The light query on Apollo Server and fastify alone: how far any server on them can go. */
function floorTable(rows: Row[]): string {
  const lines = [
    '| request | floor req/s | raw req/s | floor / raw | Strata / floor | floor p50 / p99 ms | floor CPU µs/req |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows.filter((r) => r.floor.length > 0)) {
    const floorRps = avg(row.floor, 'rps');
    lines.push(
      `| ${row.request.name} | ${floorRps.toFixed(0)} | ${avg(row.raw, 'rps').toFixed(0)} | **${(floorRps / avg(row.raw, 'rps')).toFixed(2)}** | ${(avg(row.strata, 'rps') / floorRps).toFixed(2)} | ${avg(row.floor, 'p50').toFixed(1)} / ${avg(row.floor, 'p99').toFixed(1)} | ${avg(row.floor, 'cpuUs').toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

if (!existsSync('dist/main.js') || !SMOKE) {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}

// PostgreSQL: both servers at once on one seeded database.
await ensureDatabase(URL_PG);
seedWith({ DATABASE_URL: URL_PG });
const pgRows = await compare(
  () => startServer({ ...common, DATABASE_URL: URL_PG }, { args: strataArgs }),
  () => startServer({ ...common, DATABASE_URL: URL_PG }, { args: rawArgs, readyPath: null }),
  true,
  () => startServer({}, { args: floorArgs, readyPath: null }),
);

/** Each side's starter with the profiler's flags first. */
type ProfiledStarter = (flags: string[]) => Promise<BenchServer>;

async function profiles(
  requests: readonly Request[],
  where: string,
  starters: Partial<Record<Side, ProfiledStarter>>,
): Promise<string[]> {
  const sections: string[] = [];
  for (const request of requests) {
    const found: Partial<Record<Side, Profile>> = {};
    for (const side of ['strata', 'raw', 'floor'] as const) {
      const start = starters[side];
      if (start && (side !== 'floor' || request.floor)) {
        found[side] = await profileOf(start, request, signedInToken);
      }
    }
    sections.push(profileTable(request, where, found));
  }
  return sections;
}

const pgEnv = { ...common, DATABASE_URL: URL_PG };
const pgProfiles = await profiles(SMOKE ? REQUESTS.slice(0, 1) : REQUESTS, 'PostgreSQL', {
  strata: (flags) => startServer(pgEnv, { args: [...flags, ...strataArgs] }),
  raw: (flags) => startServer(pgEnv, { args: [...flags, ...rawArgs], readyPath: null }),
  floor: (flags) => startServer({}, { args: [...flags, ...floorArgs], readyPath: null }),
});

// The embedded database: one at a time over the same data directory.
const dataDir = process.env.BENCH_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'strata-http-bench-')));
seedWith({ DATA_DIR: dataDir, DATABASE_URL: '' });
const embeddedRows = await compare(
  () => startServer({ ...common, DATA_DIR: dataDir }, { args: strataArgs }),
  () => startServer({ ...common, DATA_DIR: dataDir }, { args: rawArgs, readyPath: null }),
  false,
);
const embeddedEnv = { ...common, DATA_DIR: dataDir };
const embeddedProfiles = SMOKE
  ? []
  : await profiles(REQUESTS.slice(0, 1), 'embedded database', {
      strata: (flags) => startServer(embeddedEnv, { args: [...flags, ...strataArgs] }),
      raw: (flags) => startServer(embeddedEnv, { args: [...flags, ...rawArgs], readyPath: null }),
    });
if (!process.env.BENCH_DATA_DIR) {
  await rm(dataDir, { recursive: true, force: true });
}

writeReport(
  REPORT,
  `# HTTP: Strata against a hand-written endpoint

Generated by \`npm run bench:http\` on ${new Date().toISOString().slice(0, 10)}; ${machineSummary()}.
${USERS} users and ${TODOS.toLocaleString('en')} todos (\`db seed\`), one process each, production
mode, autocannon with ${CONNECTIONS} connections, ${ROUNDS} alternated rounds of ${SECONDS} s
(after ${WARMUP_SECONDS} s of warm-up) per side and request. Every answer was checked byte for byte
against the raw endpoint's before timing. CPU is the server process's user + system time (all
its threads) per request served; PostgreSQL's is every postgres process's. Absolute numbers are
noisy on a shared 2-core machine (the load generator takes a core): read the ratios.

The raw endpoint (\`bench/raw/server.mjs\`) verifies the same HS256 token with jose, reads the
same session row on every request, reads the page with the same statement (prepared) and the
owner, and answers the same bytes; no GraphQL library.

## PostgreSQL

${table(pgRows, [0.8, 0.7, 0.5])}

### The floor under the light query

The same request on Apollo Server and fastify alone, wired as Strata wires them
(\`bench/raw/apollo-floor.mjs\`: a fastify route calling \`executeHTTPGraphQLRequest\`, a
one-field schema, no authentication, plugins, limits, logging or database), alternated with
the other two. No server that runs each request through Apollo Server on fastify can pass
this floor's ratio to the raw endpoint.

${floorTable(pgRows)}

## Embedded database (PGlite)

${table(embeddedRows, [0.8])}

## Where the time goes

CPU profiles (\`node --cpu-prof\`) of each side serving each request alone, ${SECONDS} s after
${WARMUP_SECONDS} s of warm-up, as main-thread self time per request served, by package. Both sides read the same rows
(Strata in two statements, the session joined with its user, the raw endpoint in three), so
the database's rows (postgres.js; PGlite and its WebAssembly) are work every server must
do, and what Strata adds is the line below them: the part outside the database, which
on these requests is the HTTP framework, Apollo Server's request pipeline, GraphQL execution
and serialisation, and Strata's own code. \`V8 / native\` is mostly socket writes and
built-ins called from the rows above it; \`node (built-in)\` includes the HTTP parser,
streams, timers and AsyncLocalStorage's promise hooks. The profiler itself slows each side,
so compare the columns with each other, not with the tables above.

${[...pgProfiles, ...embeddedProfiles].join('\n\n')}
`,
);
