import type { Sql } from 'postgres';
import type { StatementProbe } from '../telemetry/statement-spans.js';
import { asUnavailable, DatabaseUnavailableError } from './database-unavailable.js';

type AnySql = Sql<Record<string, never>>;

/**
 * postgres.js has no client-side query timeout: on a connection that goes silent (a black
 * hole, see porsager/postgres#1089) a query waits for TCP to give up, many minutes. This
 * wraps the client drizzle uses so that every query, and every transaction between two of
 * its steps, fails with DatabaseUnavailableError after `timeoutMs`, and driver connection
 * errors become DatabaseUnavailableError too. The stuck query itself is left to finish or
 * fail when the network heals or the connection is reset; the pool recovers on its own.
 */
export function withQueryDeadlines(
  sql: AnySql,
  timeoutMs: number,
  options: { readonly prepare?: boolean; readonly probe?: StatementProbe } = {},
): AnySql {
  return wrap(
    sql,
    { timeoutMs, prepare: options.prepare ?? false, probe: options.probe ?? null },
    null,
  );
}

interface Settings {
  readonly timeoutMs: number;
  /**
   * Statements with parameters run as named prepared statements: PostgreSQL parses and
   * plans each statement text once per connection instead of on every call (drizzle sends
   * every query through `unsafe`, which postgres.js leaves unnamed by default).
   */
  readonly prepare: boolean;
  /** Told of each statement as it is sent and once it settles (tracing). */
  readonly probe: StatementProbe | null;
}

interface Progress {
  /** Called whenever a statement of the transaction starts or settles. */
  step(): void;
}

const silence = (timeoutMs: number) =>
  new DatabaseUnavailableError(`The database did not answer within ${timeoutMs} ms.`);

function wrap(sql: AnySql, settings: Settings, progress: Progress | null): AnySql {
  const { timeoutMs } = settings;
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...[query, parameters, options]: Parameters<AnySql['unsafe']>) =>
          deadlined(
            target.unsafe(
              query,
              parameters,
              // drizzle asks for `prepare: false` on every query not made with `.prepare()`.
              settings.prepare && parameters && parameters.length > 0
                ? { ...options, prepare: true }
                : options,
            ) as unknown as DriverQuery,
            timeoutMs,
            progress,
            settings.probe ? () => settings.probe?.(query) ?? null : null,
          );
      }
      if (property === 'begin') {
        return (...args: unknown[]) => transaction(target, args, settings);
      }
      if (property === 'savepoint') {
        return (fn: (tx: AnySql) => unknown) =>
          (
            target as unknown as { savepoint(f: (tx: AnySql) => unknown): Promise<unknown> }
          ).savepoint((tx) => fn(wrap(tx, settings, progress)));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface DriverQuery extends PromiseLike<unknown> {
  values(): DriverQuery;
}

/**
 * The query as drizzle uses it (`.values()`, then awaited), settled within the deadline.
 * `started` runs when it is sent, in the awaiting caller's context; what it returns runs
 * when the driver has its answer (after a missed deadline too).
 */
function deadlined(
  query: DriverQuery,
  timeoutMs: number,
  progress: Progress | null,
  started: (() => ((error?: unknown) => void) | null) | null,
) {
  let settled: Promise<unknown> | null = null;
  const settle = () => {
    settled ??= new Promise((resolve, reject) => {
      progress?.step();
      const finished = started?.() ?? null;
      const timer = setTimeout(() => reject(silence(timeoutMs)), timeoutMs);
      query.then(
        (rows) => {
          clearTimeout(timer);
          progress?.step();
          resolve(rows);
          finished?.();
        },
        (error: unknown) => {
          clearTimeout(timer);
          progress?.step();
          reject(asUnavailable(error));
          finished?.(error);
        },
      );
    });
    return settled;
  };
  const handle = {
    values() {
      query.values();
      return handle;
    },
    // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the driver's query, a thenable
    then<A, B>(onFulfilled?: (value: unknown) => A, onRejected?: (reason: unknown) => B) {
      return settle().then(onFulfilled, onRejected);
    },
  };
  return handle;
}

/**
 * A transaction that fails once the database has been silent for `timeoutMs`: while
 * reserving a connection and sending BEGIN, between statements, and over COMMIT.
 */
function transaction(sql: AnySql, args: unknown[], settings: Settings): Promise<unknown> {
  const { timeoutMs } = settings;
  const fn = args[args.length - 1] as (tx: AnySql) => unknown;
  const options = args.length > 1 ? (args[0] as string) : null;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const progress: Progress = {
      step() {
        clearTimeout(timer);
        timer = setTimeout(() => reject(silence(timeoutMs)), timeoutMs);
      },
    };
    progress.step();
    const body = async (tx: unknown) => {
      progress.step();
      try {
        return await fn(wrap(tx as AnySql, settings, progress));
      } finally {
        progress.step();
      }
    };
    const begun = options === null ? sql.begin(body) : sql.begin(options, body);
    begun.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(asUnavailable(error));
      },
    );
  });
}
