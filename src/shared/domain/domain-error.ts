/**
 * An expected business outcome that is not success. `code` is stable: clients branch on
 * it, so renaming one is a breaking change. `field` names the offending input, if any;
 * `details` carries facts a client can act on (such as `retryAfterSeconds`).
 */
export class DomainError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly field: string | null = null,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {}
}
