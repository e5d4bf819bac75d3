import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataDirLock,
  DataDirLockedError,
  LOCK_FILE_NAME,
} from '#shared/infrastructure/database/data-dir-lock.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOLDER = 'tests/support/lock-holder.ts';

/** A command line that runs the lock holder on `dataDir`. */
const holderArgs = (dataDir: string) => [process.execPath, '--import', 'tsx', HOLDER, dataDir];

interface Holder {
  readonly child: ChildProcess;
  /** The holder's first line: its pid once it holds the lock, or why it was refused. */
  readonly said: Promise<{ pid?: number; refused?: string }>;
}

function startHolder(command: string[]): Holder {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const said = new Promise<{ pid?: number; refused?: string }>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n').find((entry) => entry.startsWith('{'));
      if (line) {
        resolve(JSON.parse(line));
      }
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  return { child, said };
}

/** The state letter of a process in /proc (Z for a zombie), or null when it is gone. */
const stateOf = (pid: number): string | null => {
  const path = `/proc/${pid}/stat`;
  return existsSync(path) ? (readFileSync(path, 'utf8').split(') ')[1]?.[0] ?? null) : null;
};

/** Whether this machine lets us start a process as PID 1 in a new PID namespace. */
const canUnsharePid = (() => {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], {
    stdio: 'ignore',
  });
  if (probe.status !== 0) {
    console.warn('Skipping the PID 1 lock test: `unshare --pid --fork` is not permitted here.');
  }
  return probe.status === 0;
})();

describe('DataDirLock', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-lock-'));
    dirs.push(dir);
    return dir;
  };
  const hold = (command: string[]) => {
    const holder = startHolder(command);
    children.push(holder.child);
    return holder;
  };
  afterEach(() => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
    }
    // Holders outlive what started them (unshare, sh): end every one on these directories.
    for (const dir of dirs) {
      spawnSync('pkill', ['-KILL', '-f', `${HOLDER} ${dir}`]);
    }
    for (const dir of dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second claim on a directory a live process holds', async () => {
    const dir = freshDir();
    const lock = await DataDirLock.acquire(dir);
    await expect(DataDirLock.acquire(dir)).rejects.toThrow(DataDirLockedError);
    await expect(DataDirLock.acquire(dir)).rejects.toThrow(
      `in use by another process (pid ${process.pid})`,
    );
    await lock.release();
  });

  it('can be claimed again once released', async () => {
    const dir = freshDir();
    await (await DataDirLock.acquire(dir)).release();
    const again = await DataDirLock.acquire(dir);
    expect((await DataDirLock.liveOwner(dir))?.pid).toBe(process.pid);
    await again.release();
    expect(await DataDirLock.liveOwner(dir)).toBeNull();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('takes over a claim nobody answers for, whatever pid it names', async () => {
    const dir = freshDir();
    // Our own pid, as a restarted container's PID 1 finds its predecessor's.
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, claim: 'old' }));
    const lock = await DataDirLock.acquire(dir);
    const claim = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'));
    expect(claim).toEqual({ pid: process.pid, claim: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(claim.claim).not.toBe('old');
    await lock.release();
  });

  it('advertises the owner URL for the CLI', async () => {
    const dir = freshDir();
    const lock = await DataDirLock.acquire(dir);
    lock.advertise('http://127.0.0.1:4000/example');
    expect(await DataDirLock.liveOwner(dir)).toEqual({
      pid: process.pid,
      claim: expect.any(String),
      url: 'http://127.0.0.1:4000/example',
    });
    await lock.release();
  });

  it('keeps a second process out while the first lives, and lets it in once it is killed', async () => {
    const dir = freshDir();
    const first = hold(holderArgs(dir));
    const { pid } = await first.said;
    expect(pid).toBe(first.child.pid);

    await expect(DataDirLock.acquire(dir)).rejects.toThrow(
      `in use by another process (pid ${pid})`,
    );
    const second = hold(holderArgs(dir));
    expect((await second.said).refused).toContain(`(pid ${pid})`);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const lock = await DataDirLock.acquire(dir);
    expect((await DataDirLock.liveOwner(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it('knows a killed owner that is still a zombie (not reaped) from a live one', async () => {
    const dir = freshDir();
    // sh starts the holder, then becomes `sleep`, which never reaps it.
    const quoted = holderArgs(dir)
      .map((arg) => `'${arg}'`)
      .join(' ');
    const parent = spawn('sh', ['-c', `${quoted} & exec sleep 60`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(parent);
    const line = await new Promise<string>((resolve) => {
      let output = '';
      parent.stdout?.on('data', (chunk) => {
        output += chunk;
        if (output.includes('\n')) {
          resolve(output.split('\n')[0] as string);
        }
      });
    });
    const { pid } = JSON.parse(line) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => stateOf(pid), { timeout: 10_000 }).toBe('Z');
    // The kernel lets go of a dead process's socket a moment after the process is gone.
    await expect
      .poll(async () => (await DataDirLock.liveOwner(dir))?.pid ?? null, { timeout: 5_000 })
      .toBeNull();
    const lock = await DataDirLock.acquire(dir);
    expect((await DataDirLock.liveOwner(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it.runIf(canUnsharePid)(
    'lets a process that is PID 1 again, after PID 1 was killed, take the directory back',
    async () => {
      const dir = freshDir();
      const inNamespace = (args: string[]) => [
        'unshare',
        '--pid',
        '--fork',
        '--mount-proc',
        ...args,
      ];
      const first = hold(inNamespace(holderArgs(dir)));
      expect((await first.said).pid).toBe(1);
      const claim = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'));
      expect(claim.pid).toBe(1);

      // Killing unshare's forked child (PID 1 inside) ends the namespace, as a container stop does.
      first.child.kill('SIGKILL');
      spawnSync('pkill', ['-KILL', '-f', `${HOLDER} ${dir}`]);
      await new Promise((resolve) => first.child.once('exit', resolve));

      const second = hold(inNamespace(holderArgs(dir)));
      expect(await second.said).toEqual({ pid: 1 });
    },
  );
});
