import type { Sentiment } from '../../domain/sentiment.js';

export interface PredictionView {
  readonly id: string;
  readonly text: string;
  readonly sentiment: Sentiment;
  readonly model: string;
  readonly modelVersion: string;
  readonly createdAt: Date;
}
