import { inject, injectable } from 'inversify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { err, type Result } from '#shared/domain/result.js';
import { InferenceErrorCode, inferenceError } from '../../domain/inference.errors.js';
import {
  type ModelMetadata,
  SENTIMENT_MODEL,
  type SentimentModel,
} from '../ports/sentiment-model.js';
import { whileAvailable } from './while-available.js';

/** The model this server serves, looked up by the name (and version) a caller asks for. */
@injectable()
export class ServedModel {
  constructor(@inject(SENTIMENT_MODEL) private readonly model: SentimentModel) {}

  get name(): string {
    return this.model.name;
  }

  ready(): Promise<boolean> {
    return this.model.ready();
  }

  /** Its metadata if it is the model asked for: MODEL_NOT_FOUND otherwise. */
  async describe(name: string, version?: string): Promise<Result<ModelMetadata, DomainError>> {
    const metadata = await whileAvailable(() => this.model.metadata());
    if (!metadata.ok) {
      return metadata;
    }
    if (name !== metadata.value.name) {
      return err(notFound(`Unknown model "${name}".`));
    }
    if (version !== undefined && version !== metadata.value.version) {
      return err(notFound(`Model "${name}" has no version "${version}".`));
    }
    return metadata;
  }
}

const notFound = (message: string) => inferenceError(InferenceErrorCode.ModelNotFound, message);
