/**
 * Runs a piece of work on one replica at a time: a replica that finds it already running
 * elsewhere skips it. The work runs in one transaction, released with it.
 */
export interface ExclusiveRunner {
  runExclusively<T>(
    name: string,
    work: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }>;
}

export const EXCLUSIVE_RUNNER = Symbol('shared.ExclusiveRunner');
