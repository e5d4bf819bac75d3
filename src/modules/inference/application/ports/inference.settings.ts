export interface InferenceSettings {
  /** Texts each user may have scored and recorded per minute. */
  readonly scoredTextsPerMinute: number;
}

export const INFERENCE_SETTINGS = Symbol('inference.Settings');
