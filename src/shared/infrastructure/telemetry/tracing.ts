import {
  context,
  type DiagLogger,
  DiagLogLevel,
  diag,
  ROOT_CONTEXT,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OTLPJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from '../config/config.js';
import type { Logger } from '../logger.js';

/** The name Strata's own spans are recorded under (the instrumentation scope). */
const SCOPE = 'strata';

export interface Tracing {
  /** Strata's tracer; null when tracing is off, so nothing pays for spans nobody collects. */
  readonly tracer: Tracer | null;
  /** Exports what is still buffered (for at most a few seconds), then stops. */
  shutdown(): Promise<void>;
}

/** How long the last spans may take to leave at shutdown. */
const SHUTDOWN_FLUSH_MS = 3_000;

const OFF: Tracing = { tracer: null, shutdown: async () => {} };

let started: Tracing | null = null;

/**
 * OpenTelemetry tracing for this process (ADR 33), from the standard OTEL_* variables: off
 * unless an exporter is configured. Registers the SDK globally: the W3C trace context is
 * read from callers and sent with every outgoing fetch (the remote inference server), and
 * the active span follows each request through its async work. Once per process: a second
 * call returns the first one's tracing.
 */
export function startTracing(
  config: TracingConfig,
  serviceVersion: string,
  logger: Logger,
): Tracing {
  if (started) {
    return started;
  }
  if (!config.exporter) {
    started = OFF;
    return started;
  }
  // The SDK reports failed exports (a collector down or refusing) through its diagnostics.
  diag.setLogger(new ThrottledDiagLogger(logger), {
    logLevel: DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
  const resource = defaultResource()
    .merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: 'strata',
        [ATTR_SERVICE_VERSION]: serviceVersion,
      }),
    )
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults above.
    .merge(detectResources({ detectors: [envDetector] }));
  // The sampler (OTEL_TRACES_SAMPLER, its _ARG), the batch processor (OTEL_BSP_*) and the
  // exporter's endpoint, headers, timeout and compression are read by the SDK itself.
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporterFor(config))],
  });
  // W3C Trace Context only: a caller's `baggage` header is not passed on to the inference
  // tier (it is the caller's data, and nothing in Strata reads it).
  provider.register({ propagator: new W3CTraceContextPropagator() });
  // fetch (undici) publishes its requests on diagnostics channels: no module patching.
  const undici = new UndiciInstrumentation({
    // Only calls made while serving something: no root spans for background probes.
    requireParentforSpans: true,
  });
  undici.setTracerProvider(provider);
  undici.enable();
  started = {
    tracer: trace.getTracer(SCOPE, serviceVersion),
    shutdown: async () => {
      undici.disable();
      // A collector that does not answer would hold the exit for the exporter's timeout:
      // the last spans get a few seconds, within every deployment's termination budget.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        provider.shutdown(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS);
        }),
      ]).finally(() => clearTimeout(timer));
    },
  };
  return started;
}

function exporterFor(config: TracingConfig): SpanExporter {
  if (config.exporter === 'console') {
    return new ConsoleSpanExporter();
  }
  return config.protocol === 'http/json'
    ? new OTLPJsonTraceExporter()
    : new OTLPProtobufTraceExporter();
}

/** How often the SDK's warnings may reach the log: a collector that is down fails every batch. */
const DIAG_INTERVAL_MS = 60_000;

/**
 * The SDK's warnings and errors as log lines, at most one a minute; the next one says how
 * many were left out. Spans that cannot be exported are dropped: serving goes on.
 */
class ThrottledDiagLogger implements DiagLogger {
  private last = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(private readonly logger: Logger) {}

  error(message: string, ...args: unknown[]): void {
    this.emit(message, args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.emit(message, args);
  }

  info(): void {}
  debug(): void {}
  verbose(): void {}

  private emit(message: string, args: unknown[]): void {
    const now = Date.now();
    if (now - this.last < DIAG_INTERVAL_MS) {
      this.suppressed += 1;
      return;
    }
    this.last = now;
    const detail = args.map((arg) => (arg instanceof Error ? arg.message : String(arg)));
    const suppressedSinceLast = this.suppressed;
    this.suppressed = 0;
    // Outside any request's span: an export is not part of the request that happened to
    // start the batch's timer.
    context.with(ROOT_CONTEXT, () =>
      this.logger.warn(
        { detail, suppressedSinceLast },
        `tracing: ${readable(message)} (spans are dropped, requests are not affected)`,
      ),
    );
  }
}

/** The SDK reports a failed export as the error serialised to JSON: its message and code. */
function readable(message: string): string {
  if (!message.startsWith('{')) {
    return message;
  }
  try {
    const error = JSON.parse(message) as { message?: unknown; code?: unknown };
    const text = typeof error.message === 'string' ? error.message : message;
    return typeof error.code === 'string' && !text.includes(error.code)
      ? `${text} (${error.code})`
      : text;
  } catch {
    return message;
  }
}
