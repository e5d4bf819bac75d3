import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { ok, type Result } from '#shared/domain/result.js';
import { SENTIMENT_MODEL, type SentimentModel } from '../ports/sentiment-model.js';
import { DescribeModelHandler } from './describe-model.query.js';

export interface CheckModelReadinessQuery {
  /** A model to ask about; without one, whether the server can score at all. */
  readonly name?: string | undefined;
  readonly version?: string | undefined;
}

export interface ModelReadinessView {
  readonly name?: string;
  readonly ready: boolean;
}

/**
 * Whether the served model can score now. A model that cannot describe itself is not
 * ready (an answer, not an error); asking about another model is MODEL_NOT_FOUND.
 */
@injectable()
export class CheckModelReadinessHandler {
  constructor(
    @inject(SENTIMENT_MODEL) private readonly model: SentimentModel,
    @inject(DescribeModelHandler) private readonly describe: DescribeModelHandler,
  ) {}

  async execute(query: CheckModelReadinessQuery): Promise<Result<ModelReadinessView, DomainError>> {
    if (query.name === undefined) {
      return ok({ ready: await this.model.ready() });
    }
    if (query.name === this.model.name && !(await this.model.ready())) {
      return ok({ name: this.model.name, ready: false });
    }
    const metadata = await this.describe.execute({ name: query.name, version: query.version });
    return metadata.ok ? ok({ name: metadata.value.name, ready: true }) : metadata;
  }
}
