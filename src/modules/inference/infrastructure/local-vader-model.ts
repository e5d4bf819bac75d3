import { createRequire } from 'node:module';
import type { ModelMetadata, SentimentModel } from '../application/ports/sentiment-model.js';
import { classify, type Sentiment, SentimentLabel } from '../domain/sentiment.js';
import { VaderWorkerPool } from './vader-worker-pool.js';

const LOCAL_MODEL_NAME = 'vader-sentiment';
/** INFERENCE_QUEUE_CHARACTERS's default. */
const DEFAULT_QUEUE_CHARACTERS = 10_000_000;

const vaderVersion = (
  createRequire(import.meta.url)('vader-sentiment/package.json') as { version: string }
).version;

/** The default model: VADER, in-process, scored in a pool of worker threads. */
export class LocalVaderModel implements SentimentModel {
  readonly name = LOCAL_MODEL_NAME;
  readonly backend = 'local';
  private readonly pool: VaderWorkerPool;

  constructor(options: { workers: number; maxBatchSize: number; queueCharacters?: number }) {
    this.pool = new VaderWorkerPool({
      size: options.workers,
      queueCharacters: options.queueCharacters ?? DEFAULT_QUEUE_CHARACTERS,
    });
    this.meta = {
      name: LOCAL_MODEL_NAME,
      version: vaderVersion,
      backend: 'local',
      labels: [SentimentLabel.Positive, SentimentLabel.Negative, SentimentLabel.Neutral],
      maxBatchSize: options.maxBatchSize,
    };
  }

  private readonly meta: ModelMetadata;

  async predict(texts: readonly string[]): Promise<Sentiment[]> {
    return (await this.pool.score(texts)).map(classify);
  }

  busyFor(characters: number): number | null {
    return this.pool.busyFor(characters);
  }

  async metadata(): Promise<ModelMetadata> {
    return this.meta;
  }

  /** Ready when the workers have loaded VADER and answer. */
  async ready(): Promise<boolean> {
    return (await this.pool.score(['ready'])).length === 1;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
