import type { ModelKey } from './score-cache.js';

export interface NewPrediction {
  readonly id: string;
  readonly userId: string;
  readonly text: string;
  readonly createdAt: Date;
}

export interface PredictionRepository {
  addMany(key: ModelKey, predictions: readonly NewPrediction[]): Promise<void>;
}

export const PREDICTION_REPOSITORY = Symbol('inference.PredictionRepository');
