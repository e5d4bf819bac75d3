import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { wrapPGlite } from '#shared/infrastructure/database/embedded-database.js';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import { databaseUrl, withAdmin } from './postgres-admin.js';
import './provided.js';

/**
 * Creating a PGlite cluster takes seconds, so the suite migrates one and every test file
 * loads a copy. With TEST_DATABASE_URL, the same on PostgreSQL: one migrated template
 * database per run, cloned per test file, all dropped at the end.
 */
export async function setup(project: TestProject) {
  // The explorer's bundle, which the server serves from dist/explorer.
  execFileSync(process.execPath, ['scripts/build-explorer.mjs', '--if-missing'], {
    stdio: 'inherit',
  });
  const folder = mkdtempSync(join(tmpdir(), 'strata-test-'));
  const template = new PGlite();
  const handle = wrapPGlite(template);
  await handle.migrate();
  const tarball = join(folder, 'template.tar');
  writeFileSync(tarball, Buffer.from(await (await template.dumpDataDir('none')).arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', tarball);

  const adminUrl = process.env.TEST_DATABASE_URL;
  const runPrefix = `strata_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (adminUrl) {
    await dropLeftovers(adminUrl);
    const database = `${runPrefix}_template`;
    await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${database}"`));
    const migrated = openPostgresDatabase({ url: databaseUrl(adminUrl, database), poolMax: 2 });
    await migrated.migrate();
    await migrated.close();
    project.provide('postgresTemplate', { adminUrl, database });
  } else {
    project.provide('postgresTemplate', null);
  }

  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (adminUrl) {
      await withAdmin(adminUrl, async (sql) => {
        const rows = await sql<{ datname: string }[]>`
          select datname from pg_database where datname like ${`${runPrefix}%`}`;
        for (const { datname } of rows) {
          await sql.unsafe(`drop database if exists "${datname}" with (force)`);
        }
      });
    }
  };
}

/** Databases of earlier runs whose process is gone (killed before its teardown). */
async function dropLeftovers(adminUrl: string): Promise<void> {
  await withAdmin(adminUrl, async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      select datname from pg_database where datname ~ '^strata_test_[0-9]+_'`;
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!isRunning(pid)) {
        await sql.unsafe(`drop database if exists "${datname}" with (force)`);
      }
    }
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
