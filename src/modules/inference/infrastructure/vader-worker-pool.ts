import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RawScores } from '../domain/sentiment.js';

/**
 * Runs in each worker. Kept as source text so the same code works under tsc, tsx and
 * vitest without a build step; VADER is loaded by absolute path (workerData).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vader = require(workerData.vaderPath).SentimentIntensityAnalyzer;
parentPort.on('message', ({ id, texts }) => {
  try {
    const scores = texts.map((text) => {
      const s = vader.polarity_scores(text);
      return { positive: s.pos, negative: s.neg, neutral: s.neu, compound: s.compound };
    });
    parentPort.postMessage({ id, scores });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve(scores: RawScores[]): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/**
 * A fixed pool of worker threads scoring texts with VADER, so a large batch never blocks
 * the event loop: a batch is cut into one chunk per worker and scored in parallel.
 */
export class VaderWorkerPool {
  private readonly workers: PoolWorker[];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    const vaderPath = createRequire(import.meta.url).resolve('vader-sentiment');
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { vaderPath } });
      const entry: PoolWorker = { worker, pending: new Map() };
      worker.on('message', (message: { id: number; scores?: RawScores[]; error?: string }) => {
        const waiting = entry.pending.get(message.id);
        entry.pending.delete(message.id);
        if (entry.pending.size === 0) {
          entry.worker.unref();
        }
        if (message.error !== undefined) {
          waiting?.reject(new Error(`VADER failed: ${message.error}`));
        } else {
          waiting?.resolve(message.scores ?? []);
        }
      });
      worker.on('error', (error) => this.failAll(entry, error));
      worker.unref();
      return entry;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  async score(texts: readonly string[]): Promise<RawScores[]> {
    if (this.closed) {
      throw new Error('The VADER worker pool is closed.');
    }
    if (texts.length === 0) {
      return [];
    }
    const chunkSize = Math.ceil(texts.length / this.workers.length);
    const chunks = this.workers
      .map((entry, index) => ({
        entry,
        texts: texts.slice(index * chunkSize, (index + 1) * chunkSize),
      }))
      .filter((chunk) => chunk.texts.length > 0);
    const results = await Promise.all(
      chunks.map(({ entry, texts: part }) => this.send(entry, part)),
    );
    return results.flat();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private send(entry: PoolWorker, texts: readonly string[]): Promise<RawScores[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      // An idle pool must not keep the process alive; a busy one must (a CLI awaits it).
      entry.worker.ref();
      entry.worker.postMessage({ id, texts });
    });
  }

  private failAll(entry: PoolWorker, error: Error): void {
    for (const waiting of entry.pending.values()) {
      waiting.reject(error);
    }
    entry.pending.clear();
    entry.worker.unref();
  }
}
