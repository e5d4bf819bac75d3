/** Predictions stored for a user, recorded for that user alone. */
export interface PredictionsRecorded {
  readonly type: 'PredictionsRecorded';
  readonly predictionIds: readonly string[];
  readonly at: Date;
}
