/**
 * Why a request stopped taking new work: its client went away, or it ran past its
 * deadline. Carries a code like any other error clients may see.
 */
export class RequestCancelled extends Error {
  override name = 'RequestCancelled';
  readonly extensions: { readonly code: 'REQUEST_TIMEOUT' | 'CLIENT_CLOSED_REQUEST' };

  constructor(
    readonly reason: 'deadline' | 'client-gone',
    deadlineMs = 0,
  ) {
    super(
      reason === 'deadline'
        ? `The request ran longer than ${deadlineMs} ms and was stopped.`
        : 'The client closed the connection; the request was stopped.',
    );
    this.extensions = {
      code: reason === 'deadline' ? 'REQUEST_TIMEOUT' : 'CLIENT_CLOSED_REQUEST',
    };
  }
}

/** The current request's cancellation, as a port: where new work starts, ask it first. */
export interface Cancellation {
  /** Throws RequestCancelled if the current request has been cancelled. */
  throwIfCancelled(): void;
}

export const CANCELLATION = Symbol('shared.Cancellation');

/** For work outside any request (the CLI, tests): never cancelled. */
export const NEVER_CANCELLED: Cancellation = { throwIfCancelled: () => {} };
