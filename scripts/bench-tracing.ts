import autocannon from 'autocannon';
import { OtlpReceiver } from '../tests/support/otlp-receiver.js';
import {
  type BenchServer,
  cpuOf,
  ensureDatabase,
  machineSummary,
  startServer,
  writeReport,
} from './bench-support.js';

/**
 * What tracing costs. Three Strata processes on one PostgreSQL database, the same build:
 * tracing off (the default), on and exporting every trace to an OTLP/HTTP receiver in this
 * process (protobuf, the default protocol), and on with `OTEL_TRACES_SAMPLER=always_off`
 * (the instrumentation without recording: what unsampled requests pay). Each serves a
 * signed-in `todos(first: 20)` page with sentiment (cached scores: a session read, the
 * page, the scores), in alternated rounds of autocannon so the three share the machine's
 * moods. Writes bench/reports/tracing.md; fails if a request fails or if the traced
 * server's spans do not arrive. BENCH_SMOKE=1: the short form.
 */
const SMOKE = process.env.BENCH_SMOKE === '1';
const URL_PG =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_tracing_bench';
const ROUNDS = SMOKE ? 1 : 4;
const SECONDS = SMOKE ? 2 : 10;
const WARMUP_SECONDS = SMOKE ? 1 : 3;
const CONNECTIONS = 32;
const REPORT = SMOKE ? 'bench/reports/tracing-smoke.tmp' : 'bench/reports/tracing.md';

const PAGE = JSON.stringify({
  query:
    'query Page { todos(first: 20) { edges { node { id content sentiment { label score } } } } }',
});

interface Side {
  readonly name: string;
  readonly what: string;
  readonly env: Record<string, string>;
  server?: BenchServer;
  readonly rounds: { rps: number; p50: number; p99: number; cpuUs: number }[];
}

async function call(url: string, body: unknown, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Record<string, never>; errors?: unknown[] };
}

const load = (url: string, token: string, seconds: number) =>
  autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: PAGE,
  });

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

async function main(): Promise<void> {
  await ensureDatabase(URL_PG);
  const receiver = await OtlpReceiver.start();
  const common = { DATABASE_URL: URL_PG, OTEL_SERVICE_NAME: 'strata-bench' };
  const sides: Side[] = [
    { name: 'off', what: 'tracing off (no OTEL_* set)', env: {}, rounds: [] },
    {
      name: 'on',
      what: 'every trace recorded and exported (OTLP/HTTP protobuf)',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      rounds: [],
    },
    {
      name: 'unsampled',
      what: 'on, `OTEL_TRACES_SAMPLER=always_off`',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: 'always_off' },
      rounds: [],
    },
  ];
  try {
    for (const side of sides) {
      side.server = await startServer({ ...common, ...side.env });
    }
    const first = sides[0]?.server as BenchServer;
    const email = `tracing-${Date.now()}@example.com`;
    const registered = await call(first.url, {
      query:
        'mutation R($input: RegisterInput!) { register(input: $input) { auth { accessToken } } }',
      variables: { input: { email, password: 'a long enough password', displayName: 'Bench' } },
    });
    const token = (registered.data as { register: { auth: { accessToken: string } } } | undefined)
      ?.register.auth.accessToken;
    if (!token) {
      throw new Error(`could not register: ${JSON.stringify(registered)}`);
    }
    for (let index = 0; index < 20; index += 1) {
      await call(
        first.url,
        {
          query:
            'mutation C($input: CreateTodoInput!) { createTodo(input: $input) { todo { id } } }',
          variables: { input: { content: `Todo ${index}: a good plan, mostly` } },
        },
        token,
      );
    }
    for (const side of sides) {
      const answer = JSON.stringify(
        await call(side.server?.url as string, JSON.parse(PAGE), token),
      );
      if (!answer.includes('"sentiment":{"label"')) {
        throw new Error(`${side.name}: unexpected answer ${answer.slice(0, 300)}`);
      }
      await load(side.server?.url as string, token, WARMUP_SECONDS);
    }
    // The warm-ups' last spans arrive within the schedule delay (5 s): not counted below.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const spansBefore = receiver.spans.length;
    let tracedRequests = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const side of sides) {
        const server = side.server as BenchServer;
        const cpu = cpuOf(server.pid);
        const result = await load(server.url, token, SECONDS);
        const served = result.requests.total;
        if (result.non2xx > 0 || result.errors > 0 || served === 0) {
          throw new Error(`${side.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        }
        if (side.name === 'on') {
          tracedRequests += served;
        }
        side.rounds.push({
          rps: served / SECONDS,
          p50: result.latency.p50,
          p99: result.latency.p99,
          cpuUs: (cpuOf(server.pid) - cpu) / served,
        });
        console.log(`round ${round + 1} ${side.name}: ${Math.round(served / SECONDS)} req/s`);
      }
    }
    // The traced server's last batch leaves within the schedule delay (5 s).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const requestSpans = receiver.spans
      .slice(spansBefore)
      .filter((span) => span.name === 'POST /graphql');
    const spansPerRequest = (receiver.spans.length - spansBefore) / Math.max(1, tracedRequests);
    if (requestSpans.length < tracedRequests * 0.95) {
      throw new Error(
        `the traced server exported ${requestSpans.length} request spans for ${tracedRequests} requests`,
      );
    }
    const off = sides[0] as Side;
    const row = (side: Side) => {
      const rps = mean(side.rounds.map((r) => r.rps));
      const cpu = mean(side.rounds.map((r) => r.cpuUs));
      return `| ${side.what} | ${Math.round(rps)} | ${(rps / mean(off.rounds.map((r) => r.rps))).toFixed(2)} | ${mean(side.rounds.map((r) => r.p50)).toFixed(1)} | ${mean(side.rounds.map((r) => r.p99)).toFixed(1)} | ${Math.round(cpu)} | ${Math.round(cpu - mean(off.rounds.map((r) => r.cpuUs)))} |`;
    };
    writeReport(
      REPORT,
      `# Tracing: what it costs

Generated by \`npm run bench:tracing\` (${SMOKE ? 'smoke form' : 'full form'}) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineSummary()}.

Three Strata processes of the same build on one PostgreSQL database: tracing off, tracing on
with every trace exported to an OTLP/HTTP receiver (protobuf), and tracing on with the
\`always_off\` sampler (instrumented, nothing recorded: what unsampled requests pay). Each
serves a signed-in \`todos(first: 20)\` page with each todo's sentiment (scores cached: the
session read, the page and the scores, three statements), ${CONNECTIONS} connections,
${ROUNDS} alternated rounds of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up each.
Throughput is relative to tracing off in the same run; CPU is the Strata process's own
(user + system) per request.

| Strata | req/s | vs off | p50 ms | p99 ms | CPU µs/request | extra CPU µs |
|---|---|---|---|---|---|---|
${sides.map(row).join('\n')}

The traced server exported ${requestSpans.length} request spans for the ${tracedRequests} requests
the measured rounds counted (plus those still in flight as each round ended); ${spansPerRequest.toFixed(1)} spans per request (the request, its operation
and its statements). The receiver ran in the benchmark's process, on the same two cores.

Reading it: recording and exporting costs CPU per span (creating it, its attributes, the
batch's protobuf encoding and its HTTP export, all on the event loop); the unsampled row is
what being ready to trace costs. In production, sample (\`OTEL_TRACES_SAMPLER=parentbased_traceidratio\`
with \`OTEL_TRACES_SAMPLER_ARG=0.1\` records one request in ten) where the full cost matters.
Under Node 20 the context manager's AsyncLocalStorage runs on promise hooks; Node 24's
AsyncContextFrame makes it cheaper.

Rounds (req/s): ${sides.map((side) => `${side.name} ${side.rounds.map((r) => Math.round(r.rps)).join(', ')}`).join('; ')}.
`,
    );
  } finally {
    for (const side of sides) {
      await side.server?.stop();
    }
    await receiver.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
