import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE_NAME = 'strata.lock';
/** The owner listens here while it lives; the kernel closes it when the process dies. */
const LOCK_SOCKET_NAME = 'strata.sock';

/** What a process holding the data directory writes into its lock file. */
export interface LockOwner {
  readonly pid: number;
  /** Tells one claim from the next, even when a restarted container reuses the pid. */
  readonly claim: string;
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

/** How long a claim without a listener may be a process still starting, not a dead one. */
const STARTING_GRACE_MS = 500;
const PROBE_INTERVAL_MS = 100;
/** Unix socket paths are limited to 104–108 bytes, depending on the system. */
const SOCKET_PATH_MAX = 100;

/**
 * An exclusive claim on a PGlite data directory: a lock file created exclusively, and a Unix
 * socket its owner listens on. Liveness is "something accepts on the socket", which the
 * kernel ends with the process however it dies (kill -9, a crash, a zombie not yet reaped),
 * and which does not trust pids: a restarted container's process is often pid 1 again. A
 * claim whose socket stays silent is stale and taken over; a live owner makes `acquire` fail.
 */
export class DataDirLock {
  private constructor(
    private readonly dataDir: string,
    private owner: LockOwner,
    private readonly listener: Server,
  ) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    mkdirSync(dataDir, { recursive: true });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const claimed = await DataDirLock.tryClaim(dataDir);
      if (claimed) {
        return claimed;
      }
      const current = readLockOwner(dataDir);
      if (current && (await isListening(dataDir, current))) {
        throw new DataDirLockedError(dataDir, current);
      }
      if (current) {
        takeOver(dataDir, current);
      }
    }
    throw new Error(`Could not lock ${dataDir}: the lock keeps changing hands; try again.`);
  }

  /** Creates the lock file if there is none, then listens; null when another claim exists. */
  private static async tryClaim(dataDir: string): Promise<DataDirLock | null> {
    const owner: LockOwner = { pid: process.pid, claim: randomBytes(12).toString('hex') };
    try {
      writeLock(join(dataDir, LOCK_FILE_NAME), owner, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        return null;
      }
      throw error;
    }
    try {
      // The lock file is ours, so a socket file still here is a dead owner's.
      rmSync(join(dataDir, LOCK_SOCKET_NAME), { force: true });
      const listener = createServer((socket) => socket.end());
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(socketPath(dataDir), () => resolve());
      });
      listener.unref();
      return new DataDirLock(dataDir, owner, listener);
    } catch (error) {
      rmSync(join(dataDir, LOCK_FILE_NAME), { force: true });
      throw error;
    }
  }

  /** Records where this process serves HTTP, for the CLI. */
  advertise(url: string): void {
    this.owner = { ...this.owner, url };
    writeLock(join(this.dataDir, LOCK_FILE_NAME), this.owner, 'w');
  }

  async release(): Promise<void> {
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
    rmSync(join(this.dataDir, LOCK_SOCKET_NAME), { force: true });
    if (readLockOwner(this.dataDir)?.claim === this.owner.claim) {
      rmSync(join(this.dataDir, LOCK_FILE_NAME), { force: true });
    }
  }

  /** The process holding `dataDir`, if one lives. */
  static async liveOwner(dataDir: string): Promise<LockOwner | null> {
    const owner = readLockOwner(dataDir);
    return owner && (await isListening(dataDir, owner)) ? owner : null;
  }
}

/**
 * Whether the claim's owner accepts on the socket. A claim that does not may belong to a
 * process between creating the lock file and listening: it gets a short grace, and a claim
 * that changes meanwhile belongs to someone alive.
 */
async function isListening(dataDir: string, owner: LockOwner): Promise<boolean> {
  const deadline = Date.now() + STARTING_GRACE_MS;
  for (;;) {
    if (await accepts(socketPath(dataDir))) {
      return true;
    }
    if (readLockOwner(dataDir)?.claim !== owner.claim) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(PROBE_INTERVAL_MS);
  }
}

/**
 * Moves a dead claim aside. The rename is atomic, so of two processes taking over, one
 * moves the dead claim; should the other move a claim made meanwhile, it puts it back.
 */
function takeOver(dataDir: string, dead: LockOwner): void {
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return;
    }
    throw error;
  }
  const moved = readOwnerFile(aside);
  if (moved?.claim !== dead.claim) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third claim is in place already; the one moved will fail its own checks.
    }
  }
  rmSync(aside, { force: true });
}

function writeLock(path: string, owner: LockOwner, flags: 'w' | 'wx'): void {
  const fd = openSync(path, flags);
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
}

function readLockOwner(dataDir: string): LockOwner | null {
  return readOwnerFile(join(dataDir, LOCK_FILE_NAME));
}

function readOwnerFile(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number'
      ? { claim: '', ...parsed, pid: parsed.pid }
      : // A lock file that is not (yet) whole: treat it as a claim to check.
        { pid: 0, claim: '' };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : { pid: 0, claim: '' };
  }
}

function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The socket's path, relative to the working directory when the absolute one is too long. */
function socketPath(dataDir: string): string {
  const absolute = join(dataDir, LOCK_SOCKET_NAME);
  if (Buffer.byteLength(absolute) <= SOCKET_PATH_MAX) {
    return absolute;
  }
  const local = relative(process.cwd(), absolute);
  if (Buffer.byteLength(local) <= SOCKET_PATH_MAX) {
    return local;
  }
  throw new Error(
    `The path of ${absolute} is too long for a Unix socket (${SOCKET_PATH_MAX} bytes): ` +
      'choose a shorter DATA_DIR.',
  );
}
