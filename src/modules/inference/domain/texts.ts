import type { DomainError } from '#shared/domain/domain-error.js';
import { err, ok, type Result } from '#shared/domain/result.js';
import { hasForbiddenCharacters } from '#shared/domain/text.js';
import { InferenceErrorCode, inferenceError } from './inference.errors.js';

export const TEXT_MAX = 5000;
export const BATCH_MAX = 1000;

const TEXT_RULE = `Text must be 1 to ${TEXT_MAX} characters, without control characters or broken Unicode.`;

/** A text the model scores: 1 to 5000 characters once trimmed, nothing it cannot store. */
function isScorable(text: string): boolean {
  const length = [...text.trim()].length;
  return length >= 1 && length <= TEXT_MAX && !hasForbiddenCharacters(text);
}

/** Texts to score: 1 to 1000 of them, each 1 to 5000 characters; every bad one is named. */
export function checkTexts(
  texts: readonly string[],
  field: string,
): Result<string[], DomainError[]> {
  if (texts.length < 1 || texts.length > BATCH_MAX) {
    return err([
      inferenceError(InferenceErrorCode.InvalidBatch, `Send 1 to ${BATCH_MAX} texts.`, field),
    ]);
  }
  const problems: DomainError[] = [];
  for (const [index, text] of texts.entries()) {
    if (!isScorable(text)) {
      problems.push(
        inferenceError(
          InferenceErrorCode.InvalidText,
          TEXT_RULE,
          texts.length === 1 && field === 'text' ? field : `${field}.${index}`,
        ),
      );
    }
  }
  return problems.length > 0 ? err(problems) : ok([...texts]);
}

/**
 * Texts another service sends the served model (the Open Inference Protocol): 1 to the
 * model's batch limit of them, each under the same rule as texts sent through GraphQL.
 */
export function checkServedBatch(
  texts: readonly string[],
  maxBatchSize: number,
): Result<readonly string[], DomainError> {
  const limit = Math.min(maxBatchSize, BATCH_MAX);
  if (texts.length < 1 || texts.length > limit) {
    return err(inferenceError(InferenceErrorCode.InvalidBatch, `Send 1 to ${limit} texts.`));
  }
  const bad = texts.findIndex((text) => !isScorable(text));
  if (bad >= 0) {
    return err(
      inferenceError(InferenceErrorCode.InvalidText, `Text ${bad}: ${TEXT_RULE}`, `texts.${bad}`),
    );
  }
  return ok(texts);
}
