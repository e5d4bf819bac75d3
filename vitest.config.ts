import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds. Node loads the CJS one for every
    // importer; Vite would hand project code the ESM one, giving two GraphQLError classes.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // The stress suites need the machine to themselves (vitest.stress.config.ts), the
    // browser suites need Chromium (vitest.browser.config.ts).
    exclude: [
      'tests/architecture/fixtures/**',
      'tests/stress/**',
      'tests/browser/**',
      'node_modules/**',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/setup.ts'],
    // PGlite is WebAssembly: each test file loads its own copy of the migrated template.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
