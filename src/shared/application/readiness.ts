export interface ReadinessReport {
  readonly ready: boolean;
  readonly detail: string;
}

/** Something `/readyz` must see healthy before the instance takes traffic. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessReport>;
}

export const READINESS_CHECK = Symbol('shared.ReadinessCheck');
