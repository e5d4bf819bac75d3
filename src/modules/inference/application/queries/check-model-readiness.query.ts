import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { ServedModel } from '../services/served-model.js';
import type { ModelReadinessView } from './model-readiness.view.js';

export interface CheckModelReadinessQuery {
  /** A model to ask about; without one, whether the server can score at all. */
  readonly name?: string | undefined;
  readonly version?: string | undefined;
}

/**
 * Whether the served model can score now. A model that cannot describe itself is not
 * ready (an answer, not an error); asking about another model is MODEL_NOT_FOUND.
 */
@injectable()
export class CheckModelReadinessHandler {
  constructor(@inject(ServedModel) private readonly model: ServedModel) {}

  async execute(query: CheckModelReadinessQuery): Promise<Result<ModelReadinessView, DomainError>> {
    if (query.name === undefined) {
      return ok({ ready: await this.model.ready() });
    }
    if (query.name === this.model.name && !(await this.model.ready())) {
      return ok({ name: this.model.name, ready: false });
    }
    const metadata = await this.model.describe(query.name, query.version);
    return metadata.ok ? ok({ name: metadata.value.name, ready: true }) : metadata;
  }
}
