/**
 * Bundles the self-served explorer (explorer/graphiql.tsx, GraphiQL with its Monaco
 * workers) into dist/explorer, so the server can hand it to browsers with no CDN.
 * `npm run build` runs it; so does `npm run dev` when the bundle is missing.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'explorer');

if (process.argv.includes('--if-missing') && existsSync(join(outdir, 'graphiql.js'))) {
  process.exit(0);
}
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    graphiql: 'explorer/graphiql.tsx',
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  jsx: 'automatic',
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
});
console.log(`explorer bundled into ${outdir}`);
