/**
 * An expected business outcome that is not success. `code` is stable: clients branch on
 * it, so renaming one is a breaking change. `field` names the offending input, if any.
 */
export class DomainError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly field: string | null = null,
  ) {}
}
