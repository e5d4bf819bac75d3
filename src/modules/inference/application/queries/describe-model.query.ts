import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import type { ModelMetadata } from '../ports/sentiment-model.js';
import { ServedModel } from '../services/served-model.js';

export interface DescribeModelQuery {
  readonly name: string;
  /** A version to insist on; any version when absent. */
  readonly version?: string | undefined;
}

/** The served model's metadata, if it is the one asked for: MODEL_NOT_FOUND otherwise. */
@injectable()
export class DescribeModelHandler {
  constructor(@inject(ServedModel) private readonly model: ServedModel) {}

  execute(query: DescribeModelQuery): Promise<Result<ModelMetadata, DomainError>> {
    return this.model.describe(query.name, query.version);
  }
}
