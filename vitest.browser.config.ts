import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The browser suites: Debian's Chromium driven by playwright-core against a real Strata
 * (the explorer, the example web app). Run by `npm run test:browser` and by CI; they need
 * `chromium` installed, so `npm test` leaves them out.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/browser/**/*.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
