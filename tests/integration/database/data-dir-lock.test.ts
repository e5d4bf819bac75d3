import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataDirLock,
  DataDirLockedError,
  findLiveOwner,
  LOCK_FILE_NAME,
} from '#shared/infrastructure/database/data-dir-lock.js';

describe('DataDirLock', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second claim on a directory a live process holds', () => {
    const dir = freshDir();
    const lock = DataDirLock.acquire(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
    expect(() => DataDirLock.acquire(dir)).toThrow(/in use by another process \(pid \d+\)/);
    lock.release();
  });

  it('can be claimed again once released', () => {
    const dir = freshDir();
    DataDirLock.acquire(dir).release();
    const again = DataDirLock.acquire(dir);
    expect(findLiveOwner(dir)?.pid).toBe(process.pid);
    again.release();
    expect(findLiveOwner(dir)).toBeNull();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const lock = DataDirLock.acquire(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('advertises the owner URL for the CLI', () => {
    const dir = freshDir();
    const lock = DataDirLock.acquire(dir);
    lock.advertise('http://127.0.0.1:4000/example');
    expect(findLiveOwner(dir)).toEqual({ pid: process.pid, url: 'http://127.0.0.1:4000/example' });
    lock.release();
  });
});
