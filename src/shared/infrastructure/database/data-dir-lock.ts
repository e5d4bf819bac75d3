import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'strata.lock';

/** What a process holding the data directory writes into its lock file. */
export interface LockOwner {
  readonly pid: number;
  /** Base URL of the owner's HTTP server, once it listens; lets the CLI go through it. */
  readonly url?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${owner.pid}). ` +
        'PGlite is a single-process database: stop that process, or use DATABASE_URL ' +
        'to share a PostgreSQL server between processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * An exclusive claim on a PGlite data directory. A lock left by a process that no longer
 * runs is stale and taken over; a live owner makes `acquire` fail.
 */
export class DataDirLock {
  private constructor(
    private readonly path: string,
    private owner: LockOwner,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE_NAME);
    const owner: LockOwner = { pid: process.pid };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, JSON.stringify(owner));
        closeSync(fd);
        return new DataDirLock(path, owner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
        const current = readLockOwner(dataDir);
        if (current && isAlive(current.pid)) {
          throw new DataDirLockedError(dataDir, current);
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not lock ${dataDir}: the lock file keeps reappearing.`);
  }

  /** Records where this process serves HTTP, for the CLI. */
  advertise(url: string): void {
    this.owner = { ...this.owner, url };
    const fd = openSync(this.path, 'w');
    writeSync(fd, JSON.stringify(this.owner));
    closeSync(fd);
  }

  release(): void {
    const current = readLockOwner(join(this.path, '..'));
    if (current?.pid === this.owner.pid) {
      rmSync(this.path, { force: true });
    }
  }
}

/** The live process holding `dataDir`, if any. */
export function findLiveOwner(dataDir: string): LockOwner | null {
  const owner = readLockOwner(dataDir);
  return owner && isAlive(owner.pid) ? owner : null;
}

function readLockOwner(dataDir: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
