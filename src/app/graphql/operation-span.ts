import type { HTTPGraphQLResponse } from '@apollo/server';
import { type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { RequestTrace } from '#shared/graphql/context.js';

// OpenTelemetry's GraphQL conventions (still incubating, so spelled out here).
const ATTR_OPERATION_NAME = 'graphql.operation.name';
const ATTR_OPERATION_TYPE = 'graphql.operation.type';
const ATTR_COST = 'strata.graphql.cost';

/**
 * Runs one GraphQL request in a span of its own, the parent of every statement and model
 * call its resolvers make: parsing, validation (with the limits) and execution. Named as
 * OpenTelemetry's conventions name operations (`query Todos`) once Apollo has resolved the
 * operation, with its cost; an answer with errors marks it failed. The document is not
 * recorded: literals in it may be users' data.
 */
export function inOperationSpan(
  tracer: Tracer,
  record: RequestTrace,
  run: () => Promise<HTTPGraphQLResponse>,
): Promise<HTTPGraphQLResponse> {
  return tracer.startActiveSpan('GraphQL Operation', { kind: SpanKind.INTERNAL }, async (span) => {
    try {
      const response = await run();
      describe(span, record);
      if (response.body.kind === 'complete' && response.body.string.startsWith('{"errors":')) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'The response has errors.' });
      }
      return response;
    } catch (error) {
      describe(span, record);
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

function describe(span: Span, record: RequestTrace): void {
  const { operationType: type, operationName: name, cost } = record;
  if (type) {
    span.updateName(name ? `${type} ${name}` : type);
    span.setAttribute(ATTR_OPERATION_TYPE, type);
  }
  if (name) {
    span.setAttribute(ATTR_OPERATION_NAME, name);
  }
  if (cost !== undefined) {
    span.setAttribute(ATTR_COST, cost);
  }
}
