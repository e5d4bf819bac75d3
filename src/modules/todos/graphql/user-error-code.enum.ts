import { registerUserErrorCodes } from '#shared/graphql/user-error-code.enum.js';
import type { TodoErrorCode } from '../application/index.js';

const DESCRIBED: Readonly<Record<TodoErrorCode, string>> = {
  INVALID_CONTENT: 'Content not 1 to 5000 characters once trimmed, or control characters.',
  INVALID_TAG: 'A tag that is not 1 to 40 of a-z, 0-9 and - (field tags.N).',
  TOO_MANY_TAGS: 'More than 20 tags (field tags).',
  VERSION_CONFLICT: 'The todo changed since expectedVersion was read: read it again.',
  NOT_FOUND: "No todo with this id among the viewer's (field id).",
};

registerUserErrorCodes(DESCRIBED);
