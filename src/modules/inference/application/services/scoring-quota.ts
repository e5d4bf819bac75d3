import { inject, injectable } from 'inversify';
import { CLOCK, type Clock } from '#shared/application/clock.js';
import { INFERENCE_SETTINGS, type InferenceSettings } from '../ports/inference.settings.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones (users idle for a minute) are dropped. */
const SWEEP_ABOVE = 10_000;

/**
 * Each user's rate of scored texts: a token bucket holding a minute's worth, refilled
 * continuously. In memory, so each replica keeps its own count.
 */
@injectable()
export class ScoringQuota {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;

  constructor(
    @inject(INFERENCE_SETTINGS) settings: InferenceSettings,
    @inject(CLOCK) private readonly clock: Clock,
  ) {
    this.capacity = settings.scoredTextsPerMinute;
  }

  /** Takes `count` texts from the user's share, or says how long until they would fit. */
  take(
    userId: string,
    count: number,
  ): { granted: true } | { granted: false; retryAfterSeconds: number } {
    const now = this.clock.now().getTime();
    const bucket = this.refilled(userId, now);
    if (bucket.tokens >= count) {
      bucket.tokens -= count;
      return { granted: true };
    }
    const missing = Math.min(count, this.capacity) - bucket.tokens;
    return {
      granted: false,
      retryAfterSeconds: Math.max(1, Math.ceil((missing / this.capacity) * 60)),
    };
  }

  private refilled(userId: string, now: number): Bucket {
    const perMs = this.capacity / 60_000;
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) {
        this.sweep(now, perMs);
      }
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(userId, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    return bucket;
  }

  private sweep(now: number, perMs: number): void {
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.capacity) {
        this.buckets.delete(userId);
      }
    }
  }
}
