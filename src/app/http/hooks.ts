import type { FastifyInstance } from 'fastify';
import { RequestCancelled } from '#shared/application/cancellation.js';
import type { RequestTrace } from '#shared/graphql/context.js';
import { runCancellable } from '#shared/infrastructure/request-cancellation.js';
import type { HttpMetrics } from './metrics.js';
import { REQUEST_ID_HEADER } from './request-id.js';

declare module 'fastify' {
  interface FastifyRequest {
    trace: RequestTrace;
    /** Aborted when the client goes away before its response is sent, or by a deadline. */
    cancellation: AbortController;
  }
}

/** Request id echo, one access-log line and metrics per request, and draining on close. */
export function registerRequestHooks(app: FastifyInstance, metrics: HttpMetrics): void {
  app.decorateRequest('trace', null as unknown as RequestTrace);
  app.decorateRequest('credentials', null);
  app.decorateRequest('cancellation', null as unknown as AbortController);
  // Callback-style hooks throughout: every request runs them, and an async hook costs a
  // promise and a trip through the microtask queue each.
  app.addHook('onRequest', (request, reply, done) => {
    request.trace = { operationName: null };
    void reply.header(REQUEST_ID_HEADER, request.id);
    const cancellation = new AbortController();
    request.cancellation = cancellation;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished && !cancellation.signal.aborted) {
        cancellation.abort(new RequestCancelled('client-gone'));
      }
    });
    done();
  });
  // After the body is read (stream events would not carry it), the handler and all it
  // starts run under the request's signal: statements and model calls check it.
  app.addHook('preValidation', (request, _reply, done) => {
    runCancellable(request.cancellation.signal, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const durationMs = reply.elapsedTime;
    metrics.observe({
      method: request.method,
      route: request.routeOptions.url ?? '(unmatched)',
      status: reply.statusCode,
      operationName: request.trace.operationName,
      durationSeconds: durationMs / 1000,
    });
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        operationName: request.trace.operationName,
        status: reply.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
      },
      'request completed',
    );
    done();
  });

  // Requests still running when shutdown begins end their connection with the response;
  // otherwise a keep-alive socket would hold the shutdown open until the budget runs out.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) {
      void reply.header('connection', 'close');
    }
    done(null, payload);
  });
}
