import { type FileHandle, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Makes PGlite's commits durable: PGlite writes its write-ahead log with plain writes and
 * never calls fsync, so a commit survives the process dying but not the OS. After each
 * commit the current WAL segment is flushed to disk (fdatasync), as PostgreSQL does with
 * `synchronous_commit = on`. Commits that overlap share one flush (group commit).
 */
export class WalSync {
  private segment: { name: string; handle: FileHandle } | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Flushes done, for the durability test and metrics. */
  flushes = 0;

  constructor(private readonly walDir: string) {}

  /** Resolves once everything written before the call is on disk. */
  sync(): Promise<void> {
    // A flush already running may have started before the caller's write: queue one more,
    // which every caller arriving meanwhile shares.
    this.queued ??= (this.running ?? Promise.resolve()).then(() => {
      this.queued = null;
      this.running = this.flush().finally(() => {
        this.running = null;
      });
      return this.running;
    });
    return this.queued;
  }

  async close(): Promise<void> {
    await this.queued;
    await this.running;
    await this.segment?.handle.close();
    this.segment = null;
  }

  private async flush(): Promise<void> {
    const names = (await readdir(this.walDir)).filter((name) => SEGMENT.test(name)).sort();
    const newest = names[names.length - 1];
    if (!newest) {
      return;
    }
    if (this.segment?.name !== newest) {
      // A new segment: the old one's tail and the directory entry must reach the disk too.
      await this.segment?.handle.datasync();
      await this.segment?.handle.close();
      this.segment = { name: newest, handle: await open(join(this.walDir, newest), 'r+') };
      const directory = await open(this.walDir, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    }
    await this.segment.handle.datasync();
    this.flushes += 1;
  }
}

type Method = 'query' | 'exec' | 'transaction' | 'sql';
const WRITING: ReadonlySet<string | symbol> = new Set<Method>([
  'query',
  'exec',
  'transaction',
  'sql',
]);

/**
 * The client, with each top-level statement and transaction answered only once the WAL is
 * on disk. Statements inside a transaction go to its own handle, so they are not flushed
 * one by one: the transaction is, once it commits.
 */
export function durable<T extends object>(client: T, wal: WalSync): T {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') {
        return value;
      }
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (!WRITING.has(property)) {
        return bound;
      }
      return async (...args: unknown[]) => {
        const result = await bound(...args);
        await wal.sync();
        return result;
      };
    },
  });
}
