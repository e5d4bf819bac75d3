import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per application (not prom-client's global one), so several
 * servers can share a process in tests; `/metrics` serves it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'strata_' });
  return registry;
}

export const METRICS_REGISTRY = Symbol('shared.MetricsRegistry');
