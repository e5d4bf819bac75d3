import type { Page } from '#shared/application/page.js';
import type { PredictionView } from '../queries/prediction.view.js';

export interface PredictionPageRequest {
  readonly userId: string;
  readonly first: number;
  /** Continue after this prediction (newest first). */
  readonly after: { readonly createdAt: Date; readonly id: string } | null;
}

export interface PredictionPage extends Page<PredictionView> {
  /** All of the user's predictions, on every page. */
  readonly totalCount: number;
}

/** A user's prediction history, newest first, with the scores each one got. */
export interface PredictionReadModel {
  page(request: PredictionPageRequest): Promise<PredictionPage>;
  /** The user's predictions among `ids`, in no order; ids that are not UUIDs match none. */
  findOwnedByIds(userId: string, ids: readonly string[]): Promise<PredictionView[]>;
}

export const PREDICTION_READ_MODEL = Symbol('inference.PredictionReadModel');
