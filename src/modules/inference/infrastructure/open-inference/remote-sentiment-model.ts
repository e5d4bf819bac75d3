import { randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  type IPolicy,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Logger } from '../../../../shared/infrastructure/logger.js';
import {
  type ModelMetadata,
  ModelUnavailableError,
  type SentimentModel,
} from '../../application/ports/sentiment-model.js';
import type { Sentiment } from '../../domain/sentiment.js';
import { BATCH_MAX } from '../../domain/texts.js';
import {
  decodeInferResponse,
  decodeModelMetadata,
  encodeInferRequest,
  modelPath,
  ProtocolError,
} from './protocol.js';

export interface RemoteModelOptions {
  /** Base URL of the inference server, its path prefix included, without a trailing slash. */
  readonly url: string;
  readonly model: string;
  /** Deadline of one call, retries included. */
  readonly timeoutMs: number;
  /** Further attempts after a failure worth retrying. */
  readonly retries: number;
  /** How long the circuit stays open before one probe may go through. */
  readonly breakerCooldownMs: number;
  /** Consecutive failures that open the circuit. */
  readonly breakerThreshold?: number;
  readonly logger?: Logger;
}

/** A failed exchange with the server; `transient` ones are worth another attempt. */
class RemoteCallError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

const METADATA_TTL_MS = 60_000;
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
  UND_ERR_SOCKET: 'closed the connection',
  ENOTFOUND: 'could not be found (DNS)',
  EAI_AGAIN: 'could not be found (DNS)',
  EHOSTUNREACH: 'could not be reached',
  ETIMEDOUT: 'could not be reached',
};

/**
 * A model served over the Open Inference Protocol v2 (another Strata, or any server using
 * the same tensors). Every call has a deadline; transient failures (network, 5xx) are
 * retried with exponential backoff and jitter, which is safe because inference is a pure
 * function of its texts; a circuit breaker fails calls fast while the server keeps failing
 * and lets one probe through after the cooldown. Every failure is a ModelUnavailableError.
 */
export class RemoteSentimentModel implements SentimentModel {
  readonly name: string;
  readonly backend = 'remote' as const;
  private readonly breaker;
  private readonly call: IPolicy;
  private readonly probe: IPolicy;
  private known: { metadata: ModelMetadata; at: number } | null = null;

  constructor(private readonly options: RemoteModelOptions) {
    this.name = options.model;
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: options.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    const retrying = retry(
      handleWhen((error) => error instanceof RemoteCallError && error.transient),
      {
        maxAttempts: options.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
      },
    );
    const deadline = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.call = wrap(deadline, retrying, this.breaker);
    this.probe = wrap(timeout(options.timeoutMs, TimeoutStrategy.Aggressive), this.breaker);
    this.breaker.onBreak(() =>
      options.logger?.warn(
        { url: options.url, cooldownMs: options.breakerCooldownMs },
        'inference server keeps failing: circuit open',
      ),
    );
    this.breaker.onReset(() =>
      options.logger?.info({ url: options.url }, 'inference server answers again: circuit closed'),
    );
    retrying.onRetry((event) =>
      options.logger?.warn(
        {
          url: options.url,
          attempt: event.attempt,
          err: 'error' in event ? event.error.message : undefined,
        },
        'inference call failed; retrying',
      ),
    );
  }

  async predict(texts: readonly string[]): Promise<Sentiment[]> {
    if (texts.length === 0) {
      return [];
    }
    const metadata = await this.metadata();
    const size = Math.max(1, Math.min(metadata.maxBatchSize, BATCH_MAX));
    const results: Sentiment[] = [];
    for (let start = 0; start < texts.length; start += size) {
      const chunk = texts.slice(start, start + size);
      const answer = await this.run(this.call, (signal) =>
        this.exchange(
          `${modelPath(this.name)}/infer`,
          signal,
          encodeInferRequest(randomUUID(), chunk),
        ),
      );
      const decoded = this.decode(() => decodeInferResponse(answer, chunk.length));
      if (decoded.modelVersion && decoded.modelVersion !== metadata.version) {
        // The server moved to another version: describe the model afresh next time.
        this.known = null;
      }
      results.push(...decoded.sentiments);
    }
    return results;
  }

  /**
   * Asked once, then again after a minute (a redeployed server may serve a new version);
   * while the server is down the last answer stands, so cached scores keep answering.
   */
  async metadata(): Promise<ModelMetadata> {
    if (this.known && Date.now() - this.known.at < METADATA_TTL_MS) {
      return this.known.metadata;
    }
    try {
      const answer = await this.run(this.call, (signal) =>
        this.exchange(modelPath(this.name), signal),
      );
      const metadata = this.decode(() => decodeModelMetadata(answer, BATCH_MAX));
      this.known = { metadata, at: Date.now() };
      return metadata;
    } catch (error) {
      if (this.known) {
        return this.known.metadata;
      }
      throw error;
    }
  }

  /** Never throws: false while the server cannot answer, at once while the circuit is open. */
  async ready(): Promise<boolean> {
    if (this.breaker.state === CircuitState.Open) {
      return false;
    }
    try {
      const answer = await this.run(this.probe, (signal) =>
        this.exchange(`${modelPath(this.name)}/ready`, signal),
      );
      return (answer as { ready?: unknown } | null)?.ready === true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // Nothing is held between calls: fetch's pooled sockets close on their own.
  }

  private async run(policy: IPolicy, work: (signal: AbortSignal) => Promise<unknown>) {
    try {
      return await policy.execute(({ signal }) => work(signal));
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private async exchange(path: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw signal.aborted ? error : networkError(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw signal.aborted ? error : networkError(error);
    }
    if (!response.ok) {
      throw new RemoteCallError(
        `answered ${response.status}${errorMessage(text)}`,
        TRANSIENT_STATUS.has(response.status),
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProtocolError('the body is not JSON');
    }
  }

  private decode<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): Error {
    const server = `The inference server at ${this.options.url}`;
    if (error instanceof ModelUnavailableError) {
      return error;
    }
    if (error instanceof BrokenCircuitError) {
      const seconds = Math.ceil(this.options.breakerCooldownMs / 1000);
      return new ModelUnavailableError(
        `${server} failed repeatedly; calls are paused (circuit open) and it is tried again within ${seconds} s.`,
      );
    }
    if (error instanceof TaskCancelledError) {
      return new ModelUnavailableError(
        `${server} did not answer within ${this.options.timeoutMs} ms.`,
      );
    }
    if (error instanceof ProtocolError) {
      return new ModelUnavailableError(
        `${server} answered a malformed response: ${error.message}.`,
      );
    }
    if (error instanceof RemoteCallError) {
      return new ModelUnavailableError(`${server} ${error.message}.`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

function networkError(error: unknown): RemoteCallError {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const what = (code && NETWORK_ERRORS[code]) ?? `could not be reached (${code ?? String(error)})`;
  return new RemoteCallError(what, true);
}

/** The protocol's `{ "error": "…" }`, shortened: a server's message, never our texts. */
function errorMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: unknown }).error;
    return typeof message === 'string' ? `: ${message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
