import type { FastifyInstance } from 'fastify';
import type { MaintenanceMonitor } from '#modules/operations/application/index.js';
import type { ReadinessCheck, ReadinessReport } from '#shared/application/readiness.js';

export interface HealthRouteDependencies {
  readonly checks: readonly ReadinessCheck[];
  readonly monitor: MaintenanceMonitor;
  /** A check that has not answered by then reports not ready: a probe must not hang. */
  readonly timeoutMs: number;
}

/** `/healthz`: the process answers. `/readyz`: it can serve (database up, schema current). */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthRouteDependencies): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const reports = await Promise.all(
      deps.checks.map(async (check) => {
        const report = await withTimeout(
          check.check().catch((error: unknown) => ({
            ready: false,
            detail: `check failed: ${(error as Error).message}`,
          })),
          deps.timeoutMs,
        );
        return [check.name, report] as const;
      }),
    );
    const ready = reports.every(([, report]) => report.ready);
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      maintenance: deps.monitor.current.enabled,
      checks: Object.fromEntries(reports),
    });
  });
}

/** The check's report, or "not ready" once `timeoutMs` has passed without one. */
async function withTimeout(report: Promise<ReadinessReport>, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReadinessReport>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([report, late]);
  } finally {
    clearTimeout(timer);
  }
}
