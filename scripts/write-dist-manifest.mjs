// dist/ must run without src/. Node resolves `#shared/…`-style imports through the nearest
// package.json, so dist/ gets one of its own that maps them onto the compiled files; the
// root package.json keeps mapping them onto src/ for tsc, tsx and vitest.
import { readFileSync, writeFileSync } from 'node:fs';

const root = JSON.parse(readFileSync('package.json', 'utf8'));
const imports = Object.fromEntries(
  Object.entries(root.imports).map(([name, target]) => [name, target.replace(/^\.\/src\//, './')]),
);
const manifest = { name: `${root.name}-dist`, private: true, type: 'module', imports };
writeFileSync('dist/package.json', `${JSON.stringify(manifest, null, 2)}\n`);
