import { Counter, Histogram, type Registry } from 'prom-client';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names come from clients: cap how many distinct ones become label values. */
const MAX_OPERATION_LABELS = 200;

export interface RequestObservation {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly operationName: string | null;
  readonly durationSeconds: number;
}

/** HTTP request metrics, in the application's registry. */
export class HttpMetrics {
  private readonly operations = new Set<string>();
  private readonly requests: Counter<string>;
  private readonly durations: Histogram<string>;

  constructor(readonly registry: Registry) {
    const labelNames = ['method', 'route', 'status', 'operation'];
    this.requests = new Counter({
      name: 'strata_http_requests_total',
      help: 'HTTP requests, by route, status and GraphQL operation name.',
      labelNames,
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'strata_http_request_duration_seconds',
      help: 'HTTP request duration, by route, status and GraphQL operation name.',
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  observe(observation: RequestObservation): void {
    const labels = {
      method: observation.method,
      route: observation.route,
      status: String(observation.status),
      operation: this.operationLabel(observation.operationName),
    };
    this.requests.inc(labels);
    this.durations.observe(labels, observation.durationSeconds);
  }

  private operationLabel(name: string | null): string {
    if (name === null) {
      return '';
    }
    if (!OPERATION_NAME.test(name)) {
      return '(invalid)';
    }
    if (this.operations.has(name) || this.operations.size < MAX_OPERATION_LABELS) {
      this.operations.add(name);
      return name;
    }
    return '(other)';
  }
}
