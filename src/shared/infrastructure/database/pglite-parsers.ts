import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite';
import type { StatementProbe } from '../telemetry/statement-spans.js';

/**
 * The types drizzle's PGlite driver reads as text (it decodes them itself): it passes a
 * parser for each with every query. Kept equal to drizzle-orm/pglite/session.js; the
 * driver tests on PGlite catch a drift (dates and intervals would come back decoded).
 */
const TEXT_TYPES: readonly number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];
const TEXT_KEYS = TEXT_TYPES.map(String).sort().join(',');
const asText = (value: string) => value;

type Parsers = NonNullable<QueryOptions['parsers']>;

/** Whether a query's parsers are exactly drizzle's: its text types, each read as given. */
function isDrizzles(parsers: Parsers): boolean {
  return Object.keys(parsers).sort().join(',') === TEXT_KEYS;
}

/** Puts drizzle's text parsers in the client's own table, once it has built it. */
function install(client: PGlite): boolean {
  if (!client.ready) {
    // Starting up reads the array types into the table: installing before would be undone.
    return false;
  }
  const table = client.parsers;
  for (const type of TEXT_TYPES) {
    if (table[type] !== asText) {
      table[type] = asText;
    }
  }
  return true;
}

type Query = (sql: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;

/**
 * drizzle's options without their parsers, or null for options that are not drizzle's. Each
 * prepared query passes the same options object every time: it is looked at once.
 */
const withoutParsers = new WeakMap<QueryOptions, QueryOptions | null>();

function leanOptions(options: QueryOptions): QueryOptions | null {
  let lean = withoutParsers.get(options);
  if (lean === undefined) {
    const { parsers, ...rest } = options;
    lean = parsers && isDrizzles(parsers) ? rest : null;
    withoutParsers.set(options, lean);
  }
  return lean;
}

/**
 * `query` answering drizzle's calls without their per-query parsers, once installed, and
 * telling `probe` (tracing) of each statement.
 */
function lean(client: PGlite, query: Query, probe: StatementProbe | null): Query {
  const run: Query = (sql, params, options) => {
    const lighter = options && leanOptions(options);
    return query(sql, params, lighter && install(client) ? lighter : options);
  };
  if (!probe) {
    return run;
  }
  return (sql, params, options) => {
    const finished = probe(sql);
    if (!finished) {
      return run(sql, params, options);
    }
    const result = run(sql, params, options);
    // Observed on the side: the caller gets the driver's own promise, whatever tracing does.
    result.then(
      () => finished(),
      (error: unknown) => finished(error),
    );
    return result;
  };
}

/**
 * PGlite merges a query's own parsers into a copy of its whole parser table (some 300
 * types) for every query, and drizzle passes its parsers with every query: about 0.3 ms a
 * statement, more than a short read takes. drizzle's parsers are put in the client's table
 * instead, and its queries, inside transactions too, go without them. Results are the same:
 * the table then reads those types as text, which is what drizzle asked for.
 */
export function withDriverParsers(client: PGlite, probe: StatementProbe | null = null): PGlite {
  const query = lean(client, client.query.bind(client) as Query, probe);
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') {
        return query;
      }
      const value = Reflect.get(target, property, target) as unknown;
      if (property === 'transaction') {
        return <T>(callback: (tx: Transaction) => Promise<T>) =>
          target.transaction((tx) =>
            callback(
              new Proxy(tx, {
                get(inner, name) {
                  const member = Reflect.get(inner, name, inner) as unknown;
                  if (name === 'query') {
                    return lean(target, (member as Query).bind(inner), probe);
                  }
                  return typeof member === 'function' ? member.bind(inner) : member;
                },
              }),
            ),
          );
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
