import { type Config, loadConfig } from '#shared/infrastructure/config/config.js';

export const TEST_OPS_TOKEN = 'test-ops-token-0123456789';
const TEST_JWT_SECRET = 'test-jwt-secret-0123456789-abcdefghij';

/** A valid configuration for tests: loopback, a free port, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    OPS_TOKEN: TEST_OPS_TOKEN,
    JWT_SECRET: TEST_JWT_SECRET,
    MAINTENANCE_POLL_MS: '200',
    INFERENCE_WORKERS: '1',
    ...overrides,
  });
}
