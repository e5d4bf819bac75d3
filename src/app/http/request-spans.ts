import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Tracer } from '@opentelemetry/api';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_URL_PATH,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance } from 'fastify';

/** Probes and scrapes: every few seconds from every load balancer, never worth a trace. */
const UNTRACED = /\/(healthz|readyz|metrics)(\?|$)/;

/**
 * A server span per HTTP request (@fastify/otel, fastify's own instrumentation: a plugin, no
 * module patching), continuing the caller's trace when it sends a W3C `traceparent`. Named
 * `METHOD route` as OpenTelemetry's HTTP conventions ask, with the request id beside it;
 * everything the request does runs in its context. One span per request: the plugin's
 * spans per hook and handler are off. The query string is left out: a GraphQL GET carries
 * the document and its variables there.
 */
export async function registerRequestSpans(app: FastifyInstance, tracer: Tracer | null) {
  if (!tracer) {
    return;
  }
  const instrumentation = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    instrumentHandler: false,
    ignorePaths: ({ url }) => UNTRACED.test(url),
    requestHook: (span, request) => {
      const route = request.routeOptions.url;
      span.updateName(route ? `${request.method} ${route}` : request.method);
      span.setAttributes({
        [ATTR_URL_PATH]: request.url.split('?')[0] ?? '',
        'strata.request_id': request.id,
        [ATTR_CLIENT_ADDRESS]: request.ip,
        ...(request.headers['user-agent']
          ? { [ATTR_USER_AGENT_ORIGINAL]: request.headers['user-agent'] }
          : {}),
      });
    },
  });
  await app.register(instrumentation.plugin());
}
