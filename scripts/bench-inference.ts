import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { type RunningServer, spawnServer } from '../tests/support/processes.js';

/**
 * A light query's latency while the local model scores 1000-text batches, against its idle
 * latency. The server runs as its own process on PostgreSQL (so the database's work is not
 * on the server's event loop, as in production); this process generates the load and
 * measures. Target: loaded p95 at most 2x idle p95.
 */
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_bench';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BATCH = 1000;
const REPORT = 'bench/reports/inference.md';
const workers = Number(process.env.INFERENCE_WORKERS ?? Math.max(1, availableParallelism() - 1));
const LIGHT_QUERY = 'query Light { me { id } }';
const WORDS = (
  'the a plan today meeting garden coffee great terrible happy sad report train late ' +
  'lovely awful friend dinner weather project bug release family quiet noisy good bad ' +
  'amazing boring kitchen window music film book walk rain sun tired proud calm'
).split(' ');

async function ensureDatabase(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) {
    await admin.unsafe(`create database "${name}"`);
  }
  await admin.end();
}

async function post(base: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || json.errors) {
    throw new Error(`request failed: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  }
  return json;
}

let counter = 0;
const nonce = `${Date.now().toString(36)}${process.pid}`;
/** 1000 texts no earlier run has scored: each is new to the score cache. */
function freshTexts(): string[] {
  return Array.from({ length: BATCH }, () => {
    counter += 1;
    const length = 15 + (counter % 26);
    const words = Array.from({ length }, (_, i) => WORDS[(counter * 7 + i * 13) % WORDS.length]);
    return `${nonce}-${counter} ${words.join(' ')}`;
  });
}

interface Stats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0, n: sorted.length };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

await ensureDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'strata-bench-inference-'));
let server: RunningServer | undefined;
try {
  server = await spawnServer({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    ...(process.env.INFERENCE_WORKERS ? { INFERENCE_WORKERS: process.env.INFERENCE_WORKERS } : {}),
  });
  const base = server.url;
  const email = `bench-${nonce}@example.com`;
  const registered = (await post(base, {
    query: 'mutation ($input: RegisterInput!) { register(input: $input) { auth { accessToken } } }',
    variables: { input: { email, password: 'a long enough password', displayName: 'Bench' } },
  })) as { data: { register: { auth: { accessToken: string } } } };
  const token = registered.data.register.auth.accessToken;
  const light = () => post(base, { query: LIGHT_QUERY }, token);
  const batch = () =>
    post(
      base,
      {
        query:
          'mutation ($texts: [String!]!) { predictSentimentBatch(texts: $texts) { predictions { id sentiment { label } } userErrors { code } } }',
        variables: { texts: freshTexts() },
      },
      token,
    );

  // Warm up both paths (JIT, connection pools, worker threads), then measure idle.
  for (let i = 0; i < 50; i += 1) {
    await light();
  }
  await batch();
  const idle: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    idle.push(await timed(light));
  }

  // Under load: batches back to back; a sample counts only if a batch ran all through it.
  let inFlight = 0;
  let batchesStarted = 0;
  let stop = false;
  const batchTimes: number[] = [];
  const loadLoop = (async () => {
    while (!stop) {
      inFlight += 1;
      batchesStarted += 1;
      const started = performance.now();
      try {
        await batch();
      } finally {
        inFlight -= 1;
      }
      batchTimes.push(performance.now() - started);
    }
  })();
  const loaded: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, 20));
  const loadStarted = performance.now();
  while (loaded.length < SAMPLES && performance.now() - loadStarted < 120_000) {
    const startedDuring = batchesStarted;
    const busy = inFlight > 0;
    const ms = await timed(light);
    if (busy && inFlight > 0 && batchesStarted === startedDuring) {
      loaded.push(ms);
    }
  }
  stop = true;
  await loadLoop;

  const idleStats = stats(idle);
  const loadedStats = stats(loaded);
  const batchStats = stats(batchTimes);
  const p95Ratio = loadedStats.p95 / idleStats.p95;
  const p50Ratio = loadedStats.p50 / idleStats.p50;
  const pass = p95Ratio <= 2;
  const f = (value: number) => value.toFixed(1);
  const row = (name: string, s: Stats) =>
    `| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} |`;
  const report = `# Light-query latency while 1000-text batches are scored

Written by \`npm run bench:inference\` on ${new Date().toISOString()}, on ${cpus().length} cores
(Node ${process.version}). Strata runs as its own process on PostgreSQL with the default
local model (VADER in ${workers} worker thread${workers === 1 ? '' : 's'}: \`INFERENCE_WORKERS\`, by default
one less than the cores). The light query is
\`${LIGHT_QUERY}\` with a bearer token (token check, one session read). Under load,
\`predictSentimentBatch\` with 1000 texts never scored before (15–40 words each) runs back
to back, and a light-query sample counts only if one batch was in flight from its start to
its end. Timings are milliseconds measured by the client; compare the ratios, as absolute
numbers on a shared 2-core machine are noisy.

| light query | samples | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${row('idle', idleStats)}
${row('while a batch is scored', loadedStats)}

| 1000-text batch | batches | p50 | p95 | texts/s (p50) |
|---|---|---|---|---|
| predictSentimentBatch, all new texts | ${batchStats.n} | ${f(batchStats.p50)} | ${f(batchStats.p95)} | ${Math.round((BATCH / batchStats.p50) * 1000)} |

**p95 ratio (loaded / idle): ${p95Ratio.toFixed(2)}** (p50 ratio ${p50Ratio.toFixed(2)}).
Target: at most 2.00 — ${pass ? 'met' : 'NOT met'}.
`;
  writeFileSync(REPORT, report);
  console.log(report);
  if (!pass) {
    process.exitCode = 1;
  }
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
