import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the benchmarks share: percentiles, the bench database, the machine, the report file. */

export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of a set of timings (any order). */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

const TICK_US = 1_000_000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** utime + stime of a process (Linux's /proc), in µs. */
export function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** Creates the database a PostgreSQL URL names, if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end();
  }
}

/** "2 cores (model), 8 GiB, Node v20.x, linux x64": what a report's numbers were measured on. */
export function machineSummary(): string {
  const all = cpus();
  const model = all[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${all.length} cores (${model}), ${memory} GiB, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/** Writes a markdown report (creating its folder) and says where. */
export function writeReport(path: string, markdown: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, markdown);
  console.log(`Wrote ${path}`);
}

export interface BenchServer {
  readonly url: string;
  /** The server process's id, for reading its CPU time. */
  readonly pid: number;
  output(): string;
  /** Sends the signal (SIGTERM by default) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('no free port');
  }
  return address.port;
}

export interface StartOptions {
  /** What node runs: Strata from source with tsx (the default), or any script and flags. */
  readonly args?: readonly string[];
  /** The path polled until it answers 200; any answer at all with `null`. */
  readonly readyPath?: string | null;
  /** The port to listen on (a restarted replica keeps its address); a free one by default. */
  readonly port?: number;
}

/**
 * Starts `src/main.ts` (or `options.args`) as its own process on a free port, quiet
 * (LOG_LEVEL=warn, NODE_ENV=production), and waits until it answers.
 */
export async function startServer(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.args ?? ['--import', 'tsx', 'src/main.ts'])],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-server-jwt-secret-0123456789abcdef',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exit = once(child, 'exit').then(() => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const readyPath = options.readyPath === undefined ? '/readyz' : options.readyPath;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new Error(`server exited while starting:\n${output}`);
    }
    const ready = await fetch(`${url}${readyPath ?? '/'}`).then(
      (response) => readyPath === null || response.ok,
      () => false,
    );
    if (ready) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server was not ready within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (!exited) {
        child.kill(signal);
      }
      await exit;
    },
  };
}
