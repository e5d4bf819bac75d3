import { registerUserErrorCodes } from '#shared/graphql/user-error-code.enum.js';
import type { InferenceErrorCode } from '../application/index.js';

const DESCRIBED: Readonly<Record<InferenceErrorCode, string>> = {
  INVALID_TEXT:
    'A text not 1 to 5000 characters, or with control characters or broken Unicode (field text or texts.N).',
  INVALID_BATCH: 'Not 1 to 1000 texts (field texts).',
  INFERENCE_UNAVAILABLE: 'The model cannot answer now; nothing was recorded. Try again.',
  MODEL_NOT_FOUND: 'No such model on this server.',
  RATE_LIMITED: 'Too many texts scored; never a userError, always a top-level error.',
};

registerUserErrorCodes(DESCRIBED);
