import { trace } from '@opentelemetry/api';

/**
 * The trace and span a log line was written in, for pino's `mixin`: a line can be found
 * from its trace and the trace from the line. Nothing outside a span.
 */
export function traceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) {
    return {};
  }
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
