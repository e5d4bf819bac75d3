import { isUuid } from '#shared/domain/ids.js';
import { badUserInput } from '#shared/graphql/errors.js';
import { decodeCursor, encodeCursor } from '#shared/graphql/relay.js';
import type { PredictionView } from '../application/index.js';

const KIND = 'predictions';

export const encodePredictionCursor = (prediction: PredictionView): string =>
  encodeCursor(KIND, { at: prediction.createdAt.toISOString(), id: prediction.id });

export function decodePredictionCursor(cursor: string): { createdAt: Date; id: string } {
  const { at, id } = decodeCursor(KIND, cursor, ['at', 'id']);
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !isUuid(id)) {
    throw badUserInput('The cursor is not valid for this list.', 'after');
  }
  return { createdAt, id };
}
