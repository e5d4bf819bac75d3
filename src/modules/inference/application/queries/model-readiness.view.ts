export interface ModelReadinessView {
  /** The model asked about; absent when the question was the server's readiness. */
  readonly name?: string;
  readonly ready: boolean;
}
