import {
  type ModelMetadata,
  ModelUnavailableError,
  type SentimentModel,
} from '#modules/inference/application/ports/sentiment-model.js';
import { classify, type Sentiment } from '#modules/inference/domain/sentiment.js';

const POSITIVE_WORDS = ['good', 'great', 'love', 'happy', 'excellent'];
const NEGATIVE_WORDS = ['bad', 'terrible', 'hate', 'sad', 'awful'];

/**
 * A deterministic stand-in for a real model: each positive word adds 0.5 to the compound
 * score, each negative word takes 0.5 off. Counts calls and texts, so tests can prove what
 * was (not) scored.
 */
export class ScriptedSentimentModel implements SentimentModel {
  readonly name = 'scripted';
  readonly backend = 'local';
  calls = 0;
  scoredTexts: string[] = [];
  available = true;
  /** How long each prediction takes, as a slow model's would. */
  delayMs = 0;
  /** When set, the model says it is busy for this many seconds, as a full queue does. */
  busySeconds: number | null = null;

  busyFor(): number | null {
    return this.busySeconds;
  }

  constructor(private readonly version = 'scripted-1') {}

  async predict(texts: readonly string[]): Promise<Sentiment[]> {
    if (!this.available) {
      throw new ModelUnavailableError('The scripted model is switched off.');
    }
    this.calls += 1;
    this.scoredTexts.push(...texts);
    if (this.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    }
    return texts.map((text) => {
      const words = text.toLowerCase().split(/\W+/);
      const ups = words.filter((word) => POSITIVE_WORDS.includes(word)).length;
      const downs = words.filter((word) => NEGATIVE_WORDS.includes(word)).length;
      const compound = Math.max(-1, Math.min(1, (ups - downs) * 0.5));
      const total = Math.max(1, words.length);
      return classify({
        compound,
        positive: ups / total,
        negative: downs / total,
        neutral: (total - ups - downs) / total,
      });
    });
  }

  async metadata(): Promise<ModelMetadata> {
    if (!this.available) {
      throw new ModelUnavailableError('The scripted model is switched off.');
    }
    return {
      name: 'scripted',
      version: this.version,
      backend: 'local',
      labels: ['POSITIVE', 'NEGATIVE', 'NEUTRAL'],
      maxBatchSize: 1000,
    };
  }

  async ready(): Promise<boolean> {
    return this.available;
  }

  async close(): Promise<void> {}
}
