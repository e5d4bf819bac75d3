import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EmbeddedDatabaseHandle,
  openEmbeddedDatabase,
} from '#shared/infrastructure/database/embedded-database.js';
import { durable, WalSync } from '#shared/infrastructure/database/wal-sync.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** The fdatasync/fsync calls a writer process makes on the WAL, as the kernel saw them. */
function walFlushes(fsync: 'on' | 'off', commits: number): number {
  const dataDir = mkdtempSync(join(tmpdir(), 'strata-durability-'));
  const trace = join(dataDir, '..', `${dataDir.split('/').pop()}.strace`);
  try {
    const run = spawnSync(
      'strace',
      [
        '-f',
        '-y',
        '-e',
        'trace=fsync,fdatasync',
        '-o',
        trace,
        process.execPath,
        '--import',
        'tsx',
        'tests/support/embedded-writer.ts',
        dataDir,
        fsync,
        String(commits),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => /f(data)?sync\(\d+<[^>]*\/pg_wal\/[0-9A-F]{24}>\) = 0/.test(line)).length;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(trace, { force: true });
  }
}

describe('the embedded database on disk', () => {
  let database: EmbeddedDatabaseHandle | null = null;
  let dataDir = '';
  afterEach(async () => {
    await database?.close();
    database = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!hasStrace)(
    'flushes its write-ahead log to disk for every commit, as the kernel sees (strace)',
    () => {
      const commits = 8;
      expect(walFlushes('on', commits)).toBeGreaterThanOrEqual(commits);
      // PGlite alone never flushes: what EMBEDDED_FSYNC=false gives.
      expect(walFlushes('off', commits)).toBe(0);
    },
  );

  it('flushes after each top-level statement, once for statements that overlap, and not for other calls', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'strata-durability-'));
    database = await openEmbeddedDatabase(dataDir);
    await database.db.execute(sql`select 1`);
    const wal = new WalSync(join(dataDir, 'pg_wal'));
    const client = durable({ query: async () => 'done', listen: async () => 'not a write' }, wal);
    try {
      await client.query();
      await client.query();
      expect(wal.flushes).toBe(2);
      await Promise.all(Array.from({ length: 20 }, () => client.query()));
      expect(wal.flushes - 2).toBeGreaterThanOrEqual(1);
      expect(wal.flushes - 2).toBeLessThanOrEqual(2);
      const before = wal.flushes;
      expect(await client.listen()).toBe('not a write');
      expect(wal.flushes).toBe(before);
    } finally {
      await wal.close();
    }
  });
});
