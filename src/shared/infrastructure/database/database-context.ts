import { AsyncLocalStorage } from 'node:async_hooks';
import { inject, injectable } from 'inversify';
import type { TransactionRunner } from '../../application/transaction-runner.js';
import { throwIfCancelled } from '../request-cancellation.js';
import type { Database } from './database.js';
import { DATABASE } from './tokens.js';

interface PreparedQuery<R> {
  execute(values: Record<string, unknown>): Promise<R>;
}

/**
 * drizzle's prepared queries also run unmapped, through `all()`: the driver's own answer,
 * rows by column name (postgres.js) or a result holding them (PGlite). drizzle marks it
 * internal; both drivers have it, and the todo page's tests run on both.
 */
interface UnmappedQuery {
  all(values: Record<string, unknown>): Promise<unknown>;
}

/** A row as the driver returns it, by column name (or alias). */
export type DriverRow = Record<string, unknown>;

/** A drizzle query builder that can be prepared (`select`, `insert`, … before awaiting). */
export interface PreparableQuery<R> {
  prepare(name: string): PreparedQuery<R>;
}

/**
 * The database a repository should use right now: the open transaction of the current
 * async flow, or the shared pool outside one. Repositories read `db` per call, so a
 * cancelled request's next statement is refused here, on either database.
 */
@injectable()
export class DatabaseContext implements TransactionRunner {
  private readonly transactions = new AsyncLocalStorage<Database>();
  /** Prepared queries on the shared pool, by shape: a fixed set, as shapes come from code. */
  private readonly statements = new Map<string, PreparedQuery<unknown>>();

  constructor(@inject(DATABASE) private readonly root: Database) {}

  /** Whether the current async flow runs inside `run`'s transaction. */
  inTransaction(): boolean {
    return this.transactions.getStore() !== undefined;
  }

  get db(): Database {
    throwIfCancelled();
    return this.transactions.getStore() ?? this.root;
  }

  /**
   * Runs a statement built once per `shape` with drizzle's `.prepare()`, its values given
   * as placeholders: on the hot reads, building a statement costs more than PostgreSQL
   * takes to run it (ADR 26). `shape` names whatever changes the statement's text; the
   * values fill `sql.placeholder()`s. Inside a transaction the statement is built on the
   * transaction for this call only, since a prepared query stays bound to its database.
   */
  async prepared<R>(
    shape: string,
    build: (db: Database) => PreparableQuery<R>,
    values: Record<string, unknown>,
  ): Promise<R> {
    return this.preparedQuery(shape, build).execute(values);
  }

  /**
   * As `prepared`, but the rows come back as the driver reads them, by column name, for a
   * hot read that maps its own rows: drizzle's generic mapping (a path walk and entity
   * checks for every column of every row) costs more than the read on a 100-row page.
   * Every selected SQL expression needs a column alias.
   */
  async preparedRows<R>(
    shape: string,
    build: (db: Database) => PreparableQuery<R>,
    values: Record<string, unknown>,
  ): Promise<DriverRow[]> {
    const query = this.preparedQuery(shape, build) as unknown as UnmappedQuery;
    const answer = await query.all(values);
    return (Array.isArray(answer) ? answer : (answer as { rows: DriverRow[] }).rows) as DriverRow[];
  }

  private preparedQuery<R>(
    shape: string,
    build: (db: Database) => PreparableQuery<R>,
  ): PreparedQuery<R> {
    throwIfCancelled();
    const transaction = this.transactions.getStore();
    if (transaction) {
      return build(transaction).prepare(shape);
    }
    let query = this.statements.get(shape) as PreparedQuery<R> | undefined;
    if (!query) {
      query = build(this.root).prepare(shape);
      this.statements.set(shape, query);
    }
    return query;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    throwIfCancelled();
    if (this.transactions.getStore()) {
      return work();
    }
    return this.root.transaction((tx) => this.transactions.run(tx as unknown as Database, work));
  }
}
