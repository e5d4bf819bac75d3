import postgres from 'postgres';
import WebSocket from 'ws';
import {
  type BenchServer,
  ensureDatabase,
  machineSummary,
  percentiles,
  startServer,
  writeReport,
} from './bench-support.js';

/**
 * Fan-out of todo events to live subscribers: 1,000 events a second, recorded in the
 * outbox as the todo handlers record them (a transaction per batch, NOTIFY at commit),
 * delivered by a Strata process to 200 subscribers over graphql-ws. 190 users have one
 * subscriber each and share 800 events a second; one "hot" user gets 200 a second with
 * long contents and has 10 subscribers, one reading and nine that stop reading. Checks that
 * every reader gets exactly its events in order, that the stalled ones are cut off (1013)
 * while the rest go on, and that the server's memory stays flat. Writes
 * bench/reports/subscriptions.md. BENCH_SMOKE=1: a short run, to keep it working in CI.
 */
const SMOKE = process.env.BENCH_SMOKE === '1';
const URL_PG =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata_subscriptions_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 4 : 30));
const EVENTS_PER_SECOND = 1_000;
const TICK_MS = 100;
const USERS = 190;
const HOT_SHARE = 0.2;
const STALLED = Number(process.env.BENCH_STALLED ?? 9);
const HOT_CONTENT = 'x'.repeat(2_000);
const REPORT = SMOKE ? 'bench/reports/subscriptions-smoke.tmp' : 'bench/reports/subscriptions.md';
const QUERY =
  'subscription ($after: String) { todoEvents(after: $after) { kind todoId cursor occurredAt todo { id content tags completed version } } }';

interface Subscriber {
  readonly userId: string;
  readonly socket: WebSocket;
  readonly received: { readonly n: number; readonly latencyMs: number }[];
  closed: { code: number; reason: string } | null;
}

/** A graphql-ws connection by hand: connection_init with the token, one subscription. */
async function subscribe(url: string, token: string, userId: string): Promise<Subscriber> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const subscriber: Subscriber = { userId, socket, received: [], closed: null };
  socket.on('close', (code, reason) => {
    subscriber.closed = { code, reason: reason.toString() };
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }),
      ),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables: {} } }),
        );
        resolve();
      } else if (message.type === 'next') {
        const event = message.payload.data?.todoEvents;
        if (!event) {
          reject(new Error(JSON.stringify(message.payload)));
          return;
        }
        const n = Number(event.todoId.slice(-12));
        subscriber.received.push({ n, latencyMs: Date.now() - Date.parse(event.occurredAt) });
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    socket.on('close', (code) => reject(new Error(`closed ${code} before subscribing`)));
  });
  return subscriber;
}

async function register(url: string, index: number): Promise<{ token: string; id: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($input: RegisterInput!) { register(input: $input) { auth { accessToken user { id } } userErrors { code } } }',
      variables: {
        input: {
          email: `live-${Date.now()}-${index}@example.com`,
          password: 'a long enough password',
          displayName: `Live ${index}`,
        },
      },
    }),
  });
  const body = (await response.json()) as {
    data?: { register: { auth: { accessToken: string; user: { id: string } } | null } };
  };
  const auth = body.data?.register.auth;
  if (!auth) {
    throw new Error(`register failed: ${JSON.stringify(body)}`);
  }
  return { token: auth.accessToken, id: auth.user.id };
}

interface Sample {
  readonly rss: number;
  readonly heap: number;
  readonly cpu: number;
  readonly cutOff: number;
}

/** The server's memory and CPU as its /metrics has them. */
async function metricsOf(url: string): Promise<Sample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    cutOff: value('strata_websocket_slow_consumers_total'),
    rss: value('strata_process_resident_memory_bytes'),
    heap: value('strata_nodejs_heap_size_used_bytes'),
    cpu: value('strata_process_cpu_seconds_total'),
  };
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

interface Outcome {
  readonly label: string;
  readonly events: number;
  readonly writtenIn: number;
  readonly lateTicks: number;
  readonly readers: number;
  readonly delivered: number;
  readonly wrong: number;
  readonly readersClosed: number;
  readonly cut: number;
  readonly latencies: ReturnType<typeof percentiles>;
  readonly cpuPerSecond: number;
  readonly idle: { rss: number; heap: number };
  readonly connected: { rss: number; heap: number };
  readonly samples: { at: number; rss: number; heap: number; cutOff: number }[];
}

/** One Strata process, 200 subscribers, SECONDS of 1,000 events a second. */
async function run(
  sql: postgres.Sql,
  label: string,
  env: Record<string, string>,
): Promise<Outcome> {
  const server: BenchServer = await startServer(
    { DATABASE_URL: URL_PG, WS_MAX_CONNECTIONS_PER_ADDRESS: '1000', ...env },
    // As `npm start` runs it, with the inspector open so each sample can collect garbage
    // first: what is left is what the server really holds.
    {
      args: ['--max-semi-space-size=64', '--inspect=127.0.0.1:0', '--import', 'tsx', 'src/main.ts'],
    },
  );
  const inspector = await openInspector(server);
  const subscribers: Subscriber[] = [];
  try {
    const url = server.url;
    // Accounts, a few at a time: each sign-up hashes a password.
    const accounts: { token: string; id: string }[] = [];
    for (let start = 0; start <= USERS; start += 8) {
      const batch = Array.from({ length: Math.min(8, USERS + 1 - start) }, (_, i) => start + i);
      accounts.push(...(await Promise.all(batch.map((index) => register(url, index)))));
    }
    const hot = accounts[USERS] as { token: string; id: string };
    const users = accounts.slice(0, USERS);

    const sample = async (): Promise<Sample> => {
      await inspector.collectGarbage();
      return metricsOf(url);
    };
    const idle = await sample();
    const readers = await Promise.all(users.map((user) => subscribe(url, user.token, user.id)));
    const hotReader = await subscribe(url, hot.token, hot.id);
    const stalled = await Promise.all(
      Array.from({ length: STALLED }, () => subscribe(url, hot.token, hot.id)),
    );
    subscribers.push(...readers, hotReader, ...stalled);
    for (const subscriber of stalled) {
      // Stops reading: the kernel's buffers fill, then the server's.
      (subscriber.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    }
    const connected = await sample();

    // The writer: every tick, one transaction with a tick's worth of events and a NOTIFY,
    // as a burst of todo changes commits them.
    const perTick = (EVENTS_PER_SECOND * TICK_MS) / 1_000;
    const hotPerTick = Math.round(perTick * HOT_SHARE);
    const expected = new Map<string, number[]>();
    let n = 0;
    let lateTicks = 0;
    const samples: Outcome['samples'] = [];
    const started = Date.now();
    const cpuBefore = (await metricsOf(url)).cpu;
    // A full collection takes tens of milliseconds: every 3 s, so latency and CPU stay close
    // to what they are without it.
    const sampler = setInterval(() => {
      void sample().then(
        (now) => samples.push({ at: (Date.now() - started) / 1000, ...now }),
        () => {},
      );
    }, 3_000);
    for (let tick = 0; tick < (SECONDS * 1_000) / TICK_MS; tick += 1) {
      const wait = started + tick * TICK_MS - Date.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      } else if (wait < -TICK_MS) {
        lateTicks += 1;
      }
      const at = new Date();
      const rows = Array.from({ length: perTick }, (_, index) => {
        n += 1;
        const owner = index < hotPerTick ? hot : (users[n % users.length] as { id: string });
        const todoId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        const list = expected.get(owner.id) ?? [];
        list.push(n);
        expected.set(owner.id, list);
        const todo = {
          id: todoId,
          ownerId: owner.id,
          content: owner === hot ? `${n} ${HOT_CONTENT}` : `todo ${n}`,
          tags: [],
          completedAt: null,
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
          version: 1,
        };
        return {
          type: 'TodoCreated',
          audience: owner.id,
          payload: sql.json({ todoId, ownerId: owner.id, todo }),
          occurred_at: at,
        };
      });
      await sql.begin(async (tx) => {
        await tx`insert into outbox.events ${tx(rows, 'type', 'audience', 'payload', 'occurred_at')}`;
        await tx`select pg_notify('outbox_events', '')`;
      });
    }
    const writtenIn = (Date.now() - started) / 1000;
    const reading = [...readers, hotReader];
    const deadline = Date.now() + 10_000;
    while (
      reading.some(
        (reader) => reader.received.length < (expected.get(reader.userId)?.length ?? 0),
      ) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    clearInterval(sampler);
    const cpuPerSecond = ((await metricsOf(url)).cpu - cpuBefore) / writtenIn;
    const cut = (await metricsOf(url)).cutOff;

    let wrong = 0;
    for (const reader of reading) {
      const got = reader.received.map((entry) => entry.n);
      const want = expected.get(reader.userId) ?? [];
      if (got.length !== want.length || got.some((value, index) => value !== want[index])) {
        wrong += 1;
      }
    }
    return {
      label,
      events: n,
      writtenIn,
      lateTicks,
      readers: reading.length,
      delivered: reading.reduce((sum, reader) => sum + reader.received.length, 0),
      wrong,
      readersClosed: reading.filter((reader) => reader.closed).length,
      cut,
      latencies: percentiles(
        reading.flatMap((reader) => reader.received.map((entry) => entry.latencyMs)),
      ),
      cpuPerSecond,
      idle,
      connected,
      samples,
    };
  } finally {
    for (const subscriber of subscribers) {
      subscriber.socket.terminate();
    }
    inspector.close();
    await server.stop();
  }
}

/** The server's inspector (Chrome DevTools Protocol), to ask for a full collection. */
async function openInspector(server: BenchServer) {
  const address = /ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+/.exec(server.output())?.[0];
  if (!address) {
    throw new Error(`no inspector address in the server's output:\n${server.output()}`);
  }
  const socket = new WebSocket(address);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  return {
    collectGarbage: () =>
      new Promise<void>((resolve) => {
        id += 1;
        const asked = id;
        const answer = (data: WebSocket.RawData) => {
          if (JSON.parse(data.toString()).id === asked) {
            socket.off('message', answer);
            resolve();
          }
        };
        socket.on('message', answer);
        socket.send(JSON.stringify({ id: asked, method: 'HeapProfiler.collectGarbage' }));
      }),
    close: () => socket.close(),
  };
}

function describe(outcome: Outcome): string[] {
  const peak = (key: 'rss' | 'heap') => Math.max(...outcome.samples.map((entry) => entry[key]));
  const last = outcome.samples.at(-1);
  return [
    `### ${outcome.label}`,
    '',
    '| | |',
    '|---|---|',
    `| Events recorded | ${outcome.events} in ${outcome.writtenIn.toFixed(1)} s (${outcome.lateTicks} ticks late) |`,
    `| Delivered to the ${outcome.readers} reading subscribers | ${outcome.delivered} |`,
    `| Readers that missed, repeated or reordered an event | ${outcome.wrong} |`,
    `| Readers closed | ${outcome.readersClosed} |`,
    `| Stalled subscribers cut off with 1013 (\`strata_websocket_slow_consumers_total\`) | ${outcome.cut} of ${STALLED} |`,
    `| Latency, commit to receipt: p50 / p95 / p99 / max | ${outcome.latencies.p50} / ${outcome.latencies.p95} / ${outcome.latencies.p99} / ${outcome.latencies.max} ms |`,
    `| Server CPU | ${(outcome.cpuPerSecond * 100).toFixed(0)} % of one core |`,
    `| Server RSS: idle / subscribed / peak / last | ${mib(outcome.idle.rss)} / ${mib(outcome.connected.rss)} / ${mib(peak('rss'))} / ${mib(last?.rss ?? Number.NaN)} MiB |`,
    `| Server heap used: idle / subscribed / peak / last | ${mib(outcome.idle.heap)} / ${mib(outcome.connected.heap)} / ${mib(peak('heap'))} / ${mib(last?.heap ?? Number.NaN)} MiB |`,
    '',
  ];
}

async function main(): Promise<void> {
  await ensureDatabase(URL_PG);
  const sql = postgres(URL_PG, { max: 2, onnotice: () => {} });
  try {
    const bounded = await run(sql, 'With the limits (defaults)', {});
    // The same load with the send buffer bound as large as it may be set: what a stalled
    // reader costs without it.
    const unbounded = SMOKE
      ? null
      : await run(sql, 'Without a usable bound (WS_MAX_BUFFERED_BYTES=256 MiB)', {
          WS_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024),
        });
    const verdict =
      bounded.wrong === 0 &&
      bounded.readersClosed === 0 &&
      bounded.events === SECONDS * EVENTS_PER_SECOND &&
      // The smoke run is too short to fill the kernel's buffers of a stalled socket.
      (SMOKE || bounded.cut === STALLED);
    const rows = bounded.samples.map((entry, index) => {
      const other = unbounded?.samples[index];
      return `| ${entry.at.toFixed(0)} | ${mib(entry.rss)} | ${mib(entry.heap)} | ${Number.isNaN(entry.cutOff) ? 0 : entry.cutOff} | ${other ? mib(other.rss) : '–'} | ${other ? mib(other.heap) : '–'} |`;
    });
    const lines = [
      '# Subscriptions: 1,000 events a second to 200 subscribers',
      '',
      `Generated by \`npm run bench:subscriptions\` (${new Date().toISOString()}) on ${machineSummary()}.`,
      'One Strata process (production mode, run as `npm start` runs it) on PostgreSQL; this',
      'script, its subscribers and PostgreSQL on the same machine.',
      '',
      '## What runs',
      '',
      `- ${SECONDS * EVENTS_PER_SECOND} todo events over ${SECONDS} s (${EVENTS_PER_SECOND}/s): every ${TICK_MS} ms one transaction records ${(EVENTS_PER_SECOND * TICK_MS) / 1_000} of them in \`outbox.events\` and sends the NOTIFY, as a burst of todo changes would.`,
      `- ${USERS} users with one subscriber each share ${Math.round(EVENTS_PER_SECOND * (1 - HOT_SHARE))} events a second (about ${((EVENTS_PER_SECOND * (1 - HOT_SHARE)) / USERS).toFixed(1)} each).`,
      `- One hot user gets ${Math.round(EVENTS_PER_SECOND * HOT_SHARE)} events a second with 2,000-character contents and has ${STALLED + 1} subscribers: one reading, ${STALLED} that stop reading once subscribed.`,
      "- Each subscription is `todoEvents` with the todo's fields, over graphql-ws (`ws` clients, `connection_init` with the access token).",
      '',
      `**${verdict ? 'Pass' : 'FAIL'}** (with the limits): every reader got exactly its events, in order; the stalled ones were cut off with 1013 and the others went on.`,
      '',
      '## Results',
      '',
      ...describe(bounded),
      ...(unbounded ? describe(unbounded) : []),
      '## Memory over the run',
      '',
      'Sampled from `/metrics` every 3 s, each time right after a full collection (asked for',
      "through the server's inspector), so heap used is what the server holds, not garbage",
      'waiting for the collector. RSS also counts heap the process keeps reserved. The',
      'collections add a few tens of milliseconds every 3 s to the latency and CPU above.',
      '',
      '| s | RSS, limits (MiB) | heap, limits (MiB) | cut off so far | RSS, no bound (MiB) | heap, no bound (MiB) |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      "A stalled reader first fills the kernel's socket buffers (outside the process: on this",
      "machine's loopback they grow to several MiB per socket), then the server's. With the",
      'limits, the connection is closed (1013) once `WS_MAX_BUFFERED_BYTES` (1 MiB) is waiting',
      'and nothing more is queued for it; the megabyte it holds goes when the client reads up',
      "to the close, or at ws's 30 s close timeout. The client reconnects and resumes with",
      '`after`. Without a bound, every stalled socket keeps everything sent to it for as long',
      'as it stays open: the heap grows by what the stalled readers are sent.',
      '',
    ];
    writeReport(REPORT, lines.join('\n'));
    if (!verdict) {
      throw new Error('subscriptions benchmark failed: see the report');
    }
  } finally {
    await sql.end();
  }
}

await main();
