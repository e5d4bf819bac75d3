import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cancellation } from '../application/cancellation.js';

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (and everything it starts) under the request's cancellation signal. */
export function runCancellable<T>(signal: AbortSignal, work: () => T): T {
  return scope.run(signal, work);
}

/**
 * Throws the cancellation of the current request, if it has been cancelled: called where
 * new work starts (a statement, a model call, a resolver), so a cancelled request stops
 * taking any. Outside a request it does nothing.
 */
export function throwIfCancelled(): void {
  const signal = scope.getStore();
  if (signal?.aborted) {
    throw signal.reason;
  }
}

/** The Cancellation port over the current async flow's request signal. */
export const requestCancellation: Cancellation = { throwIfCancelled };
