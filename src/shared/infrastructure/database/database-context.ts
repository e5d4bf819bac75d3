import { AsyncLocalStorage } from 'node:async_hooks';
import { inject, injectable } from 'inversify';
import type { TransactionRunner } from '../../application/transaction-runner.js';
import { throwIfCancelled } from '../request-cancellation.js';
import type { Database } from './database.js';
import { DATABASE } from './tokens.js';

/**
 * The database a repository should use right now: the open transaction of the current
 * async flow, or the shared pool outside one. Repositories read `db` per call, so a
 * cancelled request's next statement is refused here, on either database.
 */
@injectable()
export class DatabaseContext implements TransactionRunner {
  private readonly transactions = new AsyncLocalStorage<Database>();

  constructor(@inject(DATABASE) private readonly root: Database) {}

  get db(): Database {
    throwIfCancelled();
    return this.transactions.getStore() ?? this.root;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    throwIfCancelled();
    if (this.transactions.getStore()) {
      return work();
    }
    return this.root.transaction((tx) => this.transactions.run(tx as unknown as Database, work));
  }
}
