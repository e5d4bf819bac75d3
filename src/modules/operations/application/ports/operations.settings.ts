export interface OperationsSettings {
  /** How often to re-read the shared maintenance state, so a change made elsewhere is seen. */
  readonly pollIntervalMs: number;
  readonly onPollError: (error: unknown) => void;
}

export const OPERATIONS_SETTINGS = Symbol('operations.Settings');
