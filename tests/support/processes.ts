import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  readonly process: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function tsx(
  entry: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  return child;
}

/** Starts `src/main.ts` as its own process and waits for its "server listening" log line. */
export async function spawnServer(env: Record<string, string>): Promise<RunningServer> {
  const child = tsx('src/main.ts', [], {
    NODE_ENV: 'production',
    JWT_SECRET: 'process-test-jwt-secret-0123456789abcdef',
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave a server behind that the caller has no handle on.
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((entry) => entry.includes('"server listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(String(JSON.parse(line).url).replace(/\/graphql$/, ''));
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    process: child,
    url,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a Strata entry point (`src/cli.ts`, `src/main.ts`) to completion. */
export async function runToEnd(
  entry: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<Finished> {
  const child = tsx(entry, args, env, input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}
