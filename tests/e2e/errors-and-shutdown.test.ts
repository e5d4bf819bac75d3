import { afterEach, describe, expect, it } from 'vitest';
import { GetServiceContextHandler } from '#modules/operations/application/index.js';
import {
  MAINTENANCE_MODE_REPOSITORY,
  type MaintenanceModeRepository,
} from '#modules/operations/application/ports/maintenance-mode.repository.js';
import { DrizzleMaintenanceModeRepository } from '#modules/operations/infrastructure/drizzle-maintenance-mode.repository.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { ServiceContextDocument } from '../../schema/generated/graphql.js';
import { captureLogs } from '../support/captured-logger.js';
import { acceptsConnections, graphql } from '../support/http.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A repository whose writes wait until the test lets them through. */
class HeldRepository implements MaintenanceModeRepository {
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  saveStarted!: Promise<void>;
  private markStarted!: () => void;

  constructor(private readonly inner: MaintenanceModeRepository) {
    this.saveStarted = new Promise((resolve) => {
      this.markStarted = resolve;
    });
  }

  load() {
    return this.inner.load();
  }

  async save(...args: Parameters<MaintenanceModeRepository['save']>) {
    this.markStarted();
    await this.released;
    return this.inner.save(...args);
  }

  letThrough() {
    this.release();
  }
}

const patchMaintenance = (server: TestServer, maintenance: boolean) =>
  fetch(`${server.url}/v1/service-context`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPS_TOKEN}` },
    body: JSON.stringify({ maintenance }),
  });

describe('unexpected errors', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('are logged whole and reach clients masked as INTERNAL_SERVER_ERROR', async () => {
    const { logger, lines } = captureLogs();
    server = await startTestServer({
      logger,
      configure: (container) => {
        container.rebind(GetServiceContextHandler).toConstantValue({
          execute: () => {
            throw new Error('connection string postgres://secret@db leaked');
          },
        } as unknown as GetServiceContextHandler);
      },
    });
    const { body, headers } = await graphql(server.url, ServiceContextDocument);
    const error = body.errors?.[0];
    expect(error).toMatchObject({
      message: 'Internal server error',
      path: ['serviceContext'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: headers.get('x-request-id') },
    });
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(error?.extensions).not.toHaveProperty('stacktrace');
    const logged = lines.find((line) => line.msg === 'unexpected error in a GraphQL operation');
    expect(logged?.requestId).toBe(headers.get('x-request-id'));
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain(
      'postgres://secret@db leaked',
    );
  });
});

describe('access log', () => {
  it('writes one JSON line per request with its id, operation, status and duration', async () => {
    const { logger, lines } = captureLogs();
    const server = await startTestServer({ logger });
    const { headers } = await graphql(
      server.url,
      ServiceContextDocument,
      {},
      {
        'x-request-id': 'log-line-1',
      },
    );
    await server.close();
    const entries = lines.filter((line) => line.requestId === headers.get('x-request-id'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      msg: 'request completed',
      method: 'POST',
      path: '/graphql',
      operationName: 'ServiceContext',
      status: 200,
      durationMs: expect.any(Number),
    });
  });
});

describe('graceful shutdown', () => {
  const holdWrites =
    (held: { current?: HeldRepository }) => (container: import('inversify').Container) => {
      container.rebind(MAINTENANCE_MODE_REPOSITORY).toDynamicValue((context) => {
        held.current = new HeldRepository(
          new DrizzleMaintenanceModeRepository(context.get(DatabaseContext)),
        );
        return held.current;
      });
    };

  it('lets a request in flight finish, then closes the database', async () => {
    const held: { current?: HeldRepository } = {};
    const server = await startTestServer({ configure: holdWrites(held) });
    expect(held.current).toBeInstanceOf(HeldRepository);
    let settled = false;
    const inFlight = patchMaintenance(server, true).finally(() => {
      settled = true;
    });
    // The request has reached the repository, which holds it until the test lets it through.
    await held.current?.saveStarted;

    const closed = server.close();
    // Shutdown has begun once the server stops taking new connections.
    await expect.poll(() => acceptsConnections(server.url), { timeout: 10_000 }).toBe(false);
    expect(settled).toBe(false);
    held.current?.letThrough();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ maintenance: true });
    // Well inside the 10 s budget: the finished request's keep-alive socket must not hold it.
    const closing = Date.now();
    await closed;
    expect(Date.now() - closing).toBeLessThan(5_000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await expect(server.database.ping()).rejects.toThrow();
  });

  it('cuts requests that outlast the shutdown budget, and still closes', async () => {
    const held: { current?: HeldRepository } = {};
    const server = await startTestServer({
      env: { SHUTDOWN_TIMEOUT_MS: '300' },
      configure: holdWrites(held),
    });
    expect(held.current).toBeInstanceOf(HeldRepository);
    const inFlight = patchMaintenance(server, true).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await held.current?.saveStarted;
    const started = Date.now();
    // The write runs in a transaction (it records its event with it), which the database
    // finishes before it closes: here it ends after the budget, as a slow statement would.
    const release = setTimeout(() => held.current?.letThrough(), 1_000);
    await server.close();
    clearTimeout(release);
    // It waited for the budget of 300 ms, then cut the request: well before its 10 s default.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await inFlight).toBe('connection closed');
    held.current?.letThrough();
  });
});
