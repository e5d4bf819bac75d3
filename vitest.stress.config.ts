import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The stress suites (the hostile-request corpus, the soak): one file at a time, so each
 * has the machine to itself and its latency bounds measure the server, not the neighbours.
 * Run by `npm run test:stress` and by CI, not by `npm test`.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/stress/**/*.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    testTimeout: 180_000,
  },
});
