import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import {
  type ModelMetadata,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import { whileAvailable } from '../services/model-availability.js';

export interface DescribeModelQuery {
  readonly name: string;
  /** A version to insist on; any version when absent. */
  readonly version?: string | undefined;
}

/** The served model's metadata, if it is the one asked for: MODEL_NOT_FOUND otherwise. */
@injectable()
export class DescribeModelHandler {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  async execute(query: DescribeModelQuery): Promise<Result<ModelMetadata, DomainError>> {
    const metadata = await whileAvailable(() => this.model.metadata());
    if (!metadata.ok) {
      return metadata;
    }
    if (query.name !== metadata.value.name) {
      return err(notFound(`Unknown model "${query.name}".`));
    }
    if (query.version !== undefined && query.version !== metadata.value.version) {
      return err(notFound(`Model "${query.name}" has no version "${query.version}".`));
    }
    return metadata;
  }
}

const notFound = (message: string) => inferenceError(InferenceErrorCode.ModelNotFound, message);
