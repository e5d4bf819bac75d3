import { SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_SUMMARY,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';

/**
 * Called as a statement is sent; returns what to call once it has settled (with its error,
 * if it failed), or null when nothing is recorded.
 */
export type StatementProbe = (statement: string) => ((error?: unknown) => void) | null;

/** The database a statement goes to, for its span's attributes. */
export interface StatementTarget {
  /** The database's name (absent for the embedded one). */
  readonly namespace?: string;
  readonly address?: string;
  readonly port?: number;
}

/**
 * A client span per SQL statement, named by its summary (`SELECT todos`) and carrying its
 * text. Statements are parameterised (drizzle sends every value as a parameter), so the text
 * holds placeholders, never values. Only statements run while serving something are
 * recorded: the relay's polls and housekeeping would otherwise start a trace each. A
 * failure is recorded by its SQLSTATE alone.
 */
export function statementSpans(tracer: Tracer, target: StatementTarget): StatementProbe {
  const base = {
    [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
    ...(target.namespace ? { [ATTR_DB_NAMESPACE]: target.namespace } : {}),
    ...(target.address ? { [ATTR_SERVER_ADDRESS]: target.address } : {}),
    ...(target.port ? { [ATTR_SERVER_PORT]: target.port } : {}),
  };
  return (statement) => {
    // Nothing for a request that is not sampled, nor for work outliving its request.
    if (!trace.getActiveSpan()?.isRecording()) {
      return null;
    }
    const { operation, collection } = summarise(statement);
    const summary = collection ? `${operation} ${collection}` : operation;
    const span = tracer.startSpan(summary, {
      kind: SpanKind.CLIENT,
      attributes: {
        ...base,
        [ATTR_DB_OPERATION_NAME]: operation,
        [ATTR_DB_QUERY_SUMMARY]: summary,
        [ATTR_DB_QUERY_TEXT]: statement,
        ...(collection ? { [ATTR_DB_COLLECTION_NAME]: collection } : {}),
      },
    });
    return (error) => {
      if (error !== undefined) {
        // The SQLSTATE, not the message: PostgreSQL quotes the offending value in some
        // (`invalid input syntax for type uuid: "…"`).
        const type = errorType(error);
        span.setAttribute(ATTR_ERROR_TYPE, type);
        span.setStatus({ code: SpanStatusCode.ERROR, message: `The statement failed (${type}).` });
      }
      span.end();
    };
  };
}

const OPERATION = /^\s*(\w+)/;
const COLLECTION =
  /\b(?:from|into|update|join)\s+"?([A-Za-z_][\w$]*)"?(?:\."?([A-Za-z_][\w$]*)"?)?/i;

/**
 * The statement's first keyword and the first table it names (with its schema, as written),
 * as `db.query.summary` has them: `SELECT todos.todos`.
 */
export function summarise(statement: string): { operation: string; collection?: string } {
  const operation = OPERATION.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';
  const match = COLLECTION.exec(statement);
  if (!match?.[1]) {
    return { operation };
  }
  return { operation, collection: match[2] ? `${match[1]}.${match[2]}` : match[1] };
}

/** PostgreSQL's SQLSTATE when the server refused the statement, else the error's class. */
function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length > 0) {
    return code;
  }
  return error instanceof Error ? error.name : 'Error';
}
