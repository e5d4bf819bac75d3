import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { print } from 'graphql';
import {
  MeDocument,
  PredictSentimentBatchDocument,
  RegisterDocument,
  ServiceContextDocument,
} from '../schema/generated/graphql.js';
import { graphql } from '../tests/support/http.js';
import {
  type BenchServer,
  ensureDatabase,
  machineSummary,
  type Percentiles,
  percentiles,
  startServer,
  writeReport,
} from './bench-support.js';

/**
 * A light query's latency while the local model scores 1000-text batches, against its idle
 * latency. Strata runs as its own process (by default on the embedded database, in a
 * temporary data directory; on PostgreSQL when BENCH_DATABASE_URL is set). This process
 * only measures: the light query is timed on its main thread, and the batches are sent
 * from a worker thread, so neither the server's nor the batches' work delays the clock.
 * Target: loaded p95 at most twice the idle p95.
 */
const REPORT = 'bench/reports/inference.md';
const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const MIN_BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1);
const BATCH = 1000;
const WARM_UP = 300;
const LOADED_LIMIT_MS = 90_000;
const TARGET = 2;
const workers = Number(process.env.INFERENCE_WORKERS || Math.max(1, availableParallelism() - 1));

/** What the batch sender shares with the clock: [batches in flight, times it fell to 0, stop]. */
const IN_FLIGHT_NOW = 0;
const IDLE_GAPS = 1;
const STOP = 2;

/**
 * Sends `predictSentimentBatch` back to back, `inFlight` at a time, each with 1000 texts no
 * run has sent before (a run-unique nonce in each), 15 to 40 words long. Plain JavaScript
 * so it runs as a worker without a loader.
 */
const SENDER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, query, size, inFlight, nonce, state } = workerData;
const flags = new Int32Array(state);
const WORDS = ('the a my our this that was is felt seemed really quite very not so too and but ' +
  'meeting garden coffee dinner weather project release family kitchen window music film book ' +
  'walk rain sun train report team plan weekend holiday party service delivery update ' +
  'great good lovely amazing happy proud calm excellent wonderful nice fun helpful ' +
  'terrible bad awful sad tired boring late broken noisy disappointing annoying slow ' +
  'today yesterday again finally always never').split(' ');
let seed = 0x9e3779b9 ^ process.pid;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
let counter = 0;
function texts() {
  return Array.from({ length: size }, () => {
    counter += 1;
    const length = 15 + Math.floor(random() * 26);
    const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ') + '. (' + nonce + '-' + counter + ')';
  });
}
async function sender() {
  while (Atomics.load(flags, ${STOP}) === 0) {
    const body = JSON.stringify({ query, variables: { texts: texts() } });
    Atomics.add(flags, ${IN_FLIGHT_NOW}, 1);
    const started = performance.now();
    let failure;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body,
      });
      const json = await response.json();
      const payload = json.data && json.data.predictSentimentBatch;
      if (!response.ok || json.errors || !payload || !payload.predictions
          || payload.predictions.length !== size) {
        failure = response.status + ' ' + JSON.stringify(json).slice(0, 300);
      }
    } catch (error) {
      failure = String(error && error.message || error);
    } finally {
      if (Atomics.sub(flags, ${IN_FLIGHT_NOW}, 1) === 1) {
        Atomics.add(flags, ${IDLE_GAPS}, 1);
      }
    }
    if (failure !== undefined) {
      Atomics.store(flags, ${STOP}, 1);
      parentPort.postMessage({ failure });
      return;
    }
    parentPort.postMessage({ ms: performance.now() - started });
  }
}
Promise.all(Array.from({ length: inFlight }, sender)).then(() => parentPort.postMessage({ done: true }));
`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const nonce = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'strata-bench-inference-'));
let server: BenchServer | undefined;
let sender: Worker | undefined;
try {
  if (postgresUrl) {
    await ensureDatabase(postgresUrl);
  }
  server = await startServer({
    // The benchmark scores as fast as one user can: the per-user rate must not bind.
    SCORED_TEXTS_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
    ...(process.env.INFERENCE_WORKERS ? { INFERENCE_WORKERS: process.env.INFERENCE_WORKERS } : {}),
  });
  const base = server.url;
  const context = await graphql(base, ServiceContextDocument);
  const registered = await graphql(base, RegisterDocument, {
    input: {
      email: `bench-${nonce}@example.com`,
      password: 'a long enough password',
      displayName: 'Bench',
    },
  });
  const token = registered.body.data?.register.auth?.accessToken;
  if (!token) {
    throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  }
  const authorization = { authorization: `Bearer ${token}` };
  const light = async () => {
    const answer = await graphql(base, MeDocument, undefined, authorization);
    if (!answer.body.data?.me) {
      throw new Error(`me failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };

  const state = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const flags = new Int32Array(state);
  const batchTimes: number[] = [];
  let failure: string | undefined;
  const startSender = (inFlight: number) => {
    Atomics.store(flags, STOP, 0);
    const worker = new Worker(SENDER_SOURCE, {
      eval: true,
      workerData: {
        url: `${base}/graphql`,
        token,
        query: print(PredictSentimentBatchDocument),
        size: BATCH,
        inFlight,
        nonce,
        state,
      },
    });
    const done = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: { ms?: number; failure?: string; done?: boolean }) => {
        if (message.ms !== undefined) {
          batchTimes.push(message.ms);
        } else if (message.failure !== undefined) {
          failure = message.failure;
          resolve();
        } else if (message.done) {
          resolve();
        }
      });
      worker.once('error', reject);
    });
    return { worker, done };
  };

  // Warm up both paths (JIT, connections, the database, the worker threads).
  console.log(`warming up (${context.body.data?.serviceContext.database} database)…`);
  for (let i = 0; i < WARM_UP; i += 1) {
    await light();
  }
  const warmUp = startSender(1);
  sender = warmUp.worker;
  while (batchTimes.length < 2 && failure === undefined) {
    await sleep(20);
  }
  Atomics.store(flags, STOP, 1);
  await warmUp.done;
  await sender.terminate();
  if (failure !== undefined) {
    throw new Error(`batch failed: ${failure}`);
  }
  batchTimes.length = 0;
  for (let i = 0; i < WARM_UP; i += 1) {
    await light();
  }

  console.log(`idle: ${SAMPLES} light queries…`);
  const before: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    before.push(await timed(light));
  }

  // Under load: a sample counts only if batches were in flight from its start to its end.
  console.log(`loaded: at least ${MIN_BATCHES} batches of ${BATCH}, ${IN_FLIGHT} in flight…`);
  const senderStarted = performance.now();
  const load = startSender(IN_FLIGHT);
  sender = load.worker;
  while (Atomics.load(flags, IN_FLIGHT_NOW) === 0) {
    await sleep(1);
  }
  const loaded: number[] = [];
  let discarded = 0;
  const loadStarted = performance.now();
  while (
    (loaded.length < SAMPLES || batchTimes.length < MIN_BATCHES) &&
    failure === undefined &&
    performance.now() - loadStarted < LOADED_LIMIT_MS
  ) {
    const gaps = Atomics.load(flags, IDLE_GAPS);
    const busy = Atomics.load(flags, IN_FLIGHT_NOW) > 0;
    const ms = await timed(light);
    if (busy && Atomics.load(flags, IN_FLIGHT_NOW) > 0 && Atomics.load(flags, IDLE_GAPS) === gaps) {
      loaded.push(ms);
    } else {
      discarded += 1;
    }
  }
  Atomics.store(flags, STOP, 1);
  await load.done;
  const loadSeconds = (performance.now() - senderStarted) / 1000;
  await sender.terminate();
  sender = undefined;
  if (failure !== undefined) {
    throw new Error(`batch failed: ${failure}`);
  }

  console.log(`idle again: ${SAMPLES} light queries…`);
  const after: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    after.push(await timed(light));
  }

  // The baseline brackets the load (before and after), so a drift in the machine's speed
  // during the run does not lean the ratio either way.
  const idleStats = percentiles([...before, ...after]);
  const beforeStats = percentiles(before);
  const loadedStats = percentiles(loaded);
  const afterStats = percentiles(after);
  const batchStats = percentiles(batchTimes);
  const p95Ratio = loadedStats.p95 / idleStats.p95;
  const p50Ratio = loadedStats.p50 / idleStats.p50;
  const p99Ratio = loadedStats.p99 / idleStats.p99;
  const pass = p95Ratio <= TARGET;
  const throughput = Math.round((batchTimes.length * BATCH) / loadSeconds);
  const database =
    context.body.data?.serviceContext.database === 'postgres'
      ? 'PostgreSQL (`BENCH_DATABASE_URL`)'
      : 'the embedded database (PGlite, in a temporary `DATA_DIR`)';
  const f = (value: number) => value.toFixed(1);
  const row = (name: string, s: Percentiles) =>
    `| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} |`;
  const configured = process.env.INFERENCE_WORKERS
    ? '`INFERENCE_WORKERS`'
    : '`INFERENCE_WORKERS` default: one less than the cores';
  const report = `# Light-query latency while 1000-text batches are scored

Written by \`npm run bench:inference\` on ${new Date().toISOString()}.

- Machine: ${machineSummary()}.
- Server: Strata ${context.body.data?.serviceContext.version ?? ''} as its own process
  (\`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) on ${database}.
- Model: the local one, VADER in ${workers} worker thread${workers === 1 ? '' : 's'} (${configured}).
- Light query: \`me\` with a bearer token (GraphQL, token check, one session read), one at a
  time from the benchmark's main thread; ${WARM_UP * 2} warm-up requests and 2 batches first.
- Load: \`predictSentimentBatch\` with ${BATCH} texts no run has sent before (15–40 words
  each, so none comes from the score cache), ${IN_FLIGHT} in flight, back to back, sent from
  a worker thread of the benchmark. A light-query sample counts only if a batch was in
  flight from its start to its end (${discarded} samples that spanned a gap between
  batches were left out).
- Baseline: the idle samples before and after the load, together.

Milliseconds, measured by the client. Absolute numbers on a small shared machine are
noisy; compare the ratios, which come from one run.

| light query | samples | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${row('idle, before the load', beforeStats)}
${row('idle, after the load', afterStats)}
${row('**idle (baseline)**', idleStats)}
${row('**while a batch is scored**', loadedStats)}

| ${BATCH}-text batch | batches | p50 | p95 | max | texts/s |
|---|---|---|---|---|---|
| predictSentimentBatch, all texts new | ${batchStats.n} | ${f(batchStats.p50)} | ${f(batchStats.p95)} | ${f(batchStats.max)} | ${throughput} |

**p95 ratio (loaded / idle): ${p95Ratio.toFixed(2)}** (p50 ${p50Ratio.toFixed(2)}, p99 ${p99Ratio.toFixed(2)}).
Target: p95 ratio at most ${TARGET.toFixed(2)}: ${pass ? 'PASS' : 'FAIL'}.
`;
  console.log(`\n${report}`);
  writeReport(REPORT, report);
  if (!pass) {
    process.exitCode = 1;
  }
} finally {
  await sender?.terminate();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
