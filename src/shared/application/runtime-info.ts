export type DatabaseKind = 'embedded' | 'postgres';

/** Facts about this running instance that use cases may report. */
export interface RuntimeInfo {
  readonly version: string;
  readonly startedAt: Date;
  readonly database: DatabaseKind;
}

export const RUNTIME_INFO = Symbol('shared.RuntimeInfo');
