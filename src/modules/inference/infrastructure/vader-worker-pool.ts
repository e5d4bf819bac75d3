import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ModelBusyError } from '../application/ports/sentiment-model.js';
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

/**
 * Characters per message to a worker (about 15 ms of scoring): small enough that a short
 * job never waits long behind one, large enough that messaging costs little.
 */
const CHUNK_CHARACTERS = 50_000;
/** Jobs of at most this many texts (a single prediction, a page of todos) go first. */
const INTERACTIVE_TEXTS = 32;

interface Job {
  readonly results: RawScores[];
  remaining: number;
  failed: boolean;
  resolve(scores: RawScores[]): void;
  reject(error: Error): void;
}

interface Chunk {
  readonly job: Job;
  readonly offset: number;
  readonly texts: readonly string[];
  readonly characters: number;
}

interface PoolWorker {
  readonly worker: Worker;
  current: Chunk | null;
}

export interface VaderWorkerPoolOptions {
  readonly size: number;
  /** Characters queued or being scored beyond which new jobs are refused (ModelBusyError). */
  readonly queueCharacters: number;
}

/**
 * A fixed pool of worker threads scoring texts with VADER, so a large batch never blocks
 * the event loop. Jobs are cut into small chunks that idle workers pull one at a time,
 * short jobs first, so one prediction is not stuck behind a queue of large batches. The
 * queue is bounded in characters (the cost of scoring): past it, a job is refused at once
 * with an estimate of when there will be room.
 */
export class VaderWorkerPool {
  private readonly workers: PoolWorker[];
  private readonly interactive: Chunk[] = [];
  private readonly bulk: Chunk[] = [];
  private queuedCharacters = 0;
  /** Characters a worker scores per millisecond, measured as chunks come back. */
  private charactersPerMs = 0;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: VaderWorkerPoolOptions) {
    const vaderPath = createRequire(import.meta.url).resolve('vader-sentiment');
    this.workers = Array.from({ length: Math.max(1, options.size) }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { vaderPath } });
      const entry: PoolWorker = { worker, current: null };
      worker.on('error', (error) => this.fail(entry, error));
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
    const characters = texts.reduce((sum, text) => sum + text.length, 0);
    if (
      this.queuedCharacters > 0 &&
      this.queuedCharacters + characters > this.options.queueCharacters
    ) {
      throw new ModelBusyError(
        'The model is busy with other requests; try again shortly.',
        this.secondsToDrain(),
      );
    }
    return new Promise<RawScores[]>((resolve, reject) => {
      const job: Job = {
        results: new Array(texts.length),
        remaining: 0,
        failed: false,
        resolve,
        reject,
      };
      const queue = texts.length <= INTERACTIVE_TEXTS ? this.interactive : this.bulk;
      for (const chunk of chunksOf(texts, job)) {
        queue.push(chunk);
        job.remaining += 1;
      }
      this.queuedCharacters += characters;
      this.dispatch();
    });
  }

  /** Seconds until `characters` more would fit the queue; null if they fit now. */
  busyFor(characters: number): number | null {
    const full =
      this.queuedCharacters > 0 &&
      this.queuedCharacters + characters > this.options.queueCharacters;
    return full ? this.secondsToDrain() : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    for (const entry of this.workers) {
      if (entry.current) {
        continue;
      }
      const chunk = this.interactive.shift() ?? this.bulk.shift();
      if (!chunk) {
        return;
      }
      if (chunk.job.failed) {
        this.queuedCharacters -= chunk.characters;
        continue;
      }
      this.run(entry, chunk);
    }
  }

  private run(entry: PoolWorker, chunk: Chunk): void {
    const id = this.nextId++;
    const started = performance.now();
    entry.current = chunk;
    const onMessage = (message: { id: number; scores?: RawScores[]; error?: string }) => {
      if (message.id !== id) {
        return;
      }
      entry.worker.off('message', onMessage);
      entry.current = null;
      // An idle pool must not keep the process alive; a busy one must (a CLI awaits it).
      entry.worker.unref();
      this.queuedCharacters -= chunk.characters;
      this.measure(chunk.characters, performance.now() - started);
      if (message.error !== undefined) {
        this.failJob(chunk.job, new Error(`VADER failed: ${message.error}`));
      } else {
        this.complete(chunk, message.scores ?? []);
      }
      this.dispatch();
    };
    entry.worker.on('message', onMessage);
    entry.worker.ref();
    entry.worker.postMessage({ id, texts: chunk.texts });
  }

  private complete(chunk: Chunk, scores: RawScores[]): void {
    const { job } = chunk;
    if (job.failed) {
      return;
    }
    scores.forEach((score, index) => {
      job.results[chunk.offset + index] = score;
    });
    job.remaining -= 1;
    if (job.remaining === 0) {
      job.resolve(job.results);
    }
  }

  private failJob(job: Job, error: Error): void {
    if (!job.failed) {
      job.failed = true;
      job.reject(error);
    }
  }

  private fail(entry: PoolWorker, error: Error): void {
    if (entry.current) {
      this.queuedCharacters -= entry.current.characters;
      this.failJob(entry.current.job, error);
      entry.current = null;
    }
    entry.worker.unref();
  }

  private measure(characters: number, elapsedMs: number): void {
    if (characters < 1_000 || elapsedMs <= 0) {
      return;
    }
    const rate = characters / elapsedMs;
    this.charactersPerMs =
      this.charactersPerMs === 0 ? rate : this.charactersPerMs * 0.8 + rate * 0.2;
  }

  /** When the queue should have room again, from the measured scoring rate; at least 1 s. */
  private secondsToDrain(): number {
    if (this.charactersPerMs === 0) {
      return 1;
    }
    const ms = this.queuedCharacters / (this.charactersPerMs * this.workers.length);
    return Math.max(1, Math.ceil(ms / 1000));
  }
}

/** Consecutive runs of texts of about CHUNK_CHARACTERS each (at least one text). */
function* chunksOf(texts: readonly string[], job: Job): Generator<Chunk> {
  let offset = 0;
  while (offset < texts.length) {
    let end = offset;
    let characters = 0;
    while (
      end < texts.length &&
      (end === offset || characters + (texts[end]?.length ?? 0) <= CHUNK_CHARACTERS)
    ) {
      characters += texts[end]?.length ?? 0;
      end += 1;
    }
    yield { job, offset, texts: texts.slice(offset, end), characters };
    offset = end;
  }
}
