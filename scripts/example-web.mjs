/**
 * One command for the example web app against a local Strata: `npm run example:web`.
 * Starts Strata (`npm run dev`, embedded database) unless one already answers on
 * STRATA_URL, installs the app's dependencies the first time, and runs its Vite dev server
 * on http://localhost:5173 (an origin Strata allows by default in development).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples', 'web');
const strataUrl = process.env.STRATA_URL ?? 'http://localhost:4000/graphql';
const children = [];

const run = (command, args, options) => {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  children.push(child);
  return child;
};
const stopAll = () => {
  for (const child of children) {
    child.kill('SIGTERM');
  }
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

async function answers(url) {
  try {
    const response = await fetch(new URL('healthz', url.replace(/graphql\/?$/, '')), {
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

if (!(await answers(strataUrl))) {
  console.log(`Starting Strata for ${strataUrl} (npm run dev)…`);
  run('npm', ['run', 'dev'], { cwd: root, env: { ...process.env, NODE_ENV: 'development' } });
  const deadline = Date.now() + 120_000;
  while (!(await answers(strataUrl))) {
    if (Date.now() > deadline) {
      console.error('Strata did not start within 2 minutes.');
      stopAll();
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

if (!existsSync(join(app, 'node_modules'))) {
  console.log('Installing the example app’s dependencies (npm ci)…');
  await new Promise((resolve, reject) =>
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: app }).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm ci exited with ${code}`)),
    ),
  );
}

console.log('The app: http://localhost:5173');
run('npm', ['run', 'dev'], { cwd: app, env: { ...process.env, VITE_STRATA_URL: strataUrl } }).on(
  'exit',
  (code) => {
    stopAll();
    process.exit(code ?? 0);
  },
);
