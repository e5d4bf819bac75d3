/**
 * Runs work atomically: every repository call inside `work` joins one transaction, which
 * commits when `work` resolves and rolls back when it throws. Nested runs join the outer one.
 */
export interface TransactionRunner {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export const TRANSACTION_RUNNER = Symbol('shared.TransactionRunner');
