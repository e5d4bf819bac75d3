/** Time as a port, so handlers are deterministic under test. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('shared.Clock');
