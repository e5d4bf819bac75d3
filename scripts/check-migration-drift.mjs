// Fails when the table definitions in src/ differ from the migrations in drizzle/: it
// generates into a scratch copy of drizzle/ and checks that nothing new appears.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// drizzle-kit wants a path relative to the project, and exits 0 on some failures: so the
// check reads its output and the files it wrote rather than its exit code.
const scratch = join('node_modules', '.cache', 'strata-migration-drift');
const out = join(scratch, 'drizzle');
rmSync(scratch, { recursive: true, force: true });
cpSync('drizzle', out, { recursive: true });
const listing = (dir) => readdirSync(dir, { recursive: true }).map(String).sort();
const before = listing(out);
try {
  const output = execFileSync(
    process.execPath,
    [
      'node_modules/drizzle-kit/bin.cjs',
      'generate',
      '--dialect=postgresql',
      // As drizzle.config.ts: the modules' tables and the shared kernel's (the outbox).
      '--schema=./src/{modules/*/infrastructure,shared/infrastructure/*}/*.tables.ts',
      `--out=${out}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, encoding: 'utf8' },
  );
  const added = listing(out).filter((file) => !before.includes(file));
  if (added.length > 0) {
    console.error(
      `Migration drift: the table definitions have changes that drizzle/ lacks (${added.join(', ')}).\n` +
        'Run `npm run db:generate` and commit the new migration.',
    );
    process.exit(1);
  }
  if (!output.includes('No schema changes')) {
    console.error(`Could not check migration drift; drizzle-kit said:\n${output}`);
    process.exit(1);
  }
  console.log('No migration drift: drizzle/ matches the table definitions.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
