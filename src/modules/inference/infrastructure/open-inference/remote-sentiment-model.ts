import { randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Logger } from '#shared/infrastructure/logger.js';
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
} from './open-inference.protocol.js';

export interface RemoteModelOptions {
  /** Base URL of the inference server, its path prefix included. */
  readonly url: string;
  readonly model: string;
  /** Deadline of each HTTP exchange, reading the body included. */
  readonly timeoutMs: number;
  /** Further attempts after a failure worth retrying. */
  readonly retries: number;
  /** How long the circuit stays open before one probe may go through. */
  readonly breakerCooldownMs: number;
  /** Consecutive failed exchanges that open the circuit. */
  readonly breakerThreshold?: number;
  /** Sent as `Authorization: Bearer <token>` when the server requires one. */
  readonly token?: string | undefined;
  readonly logger?: Pick<Logger, 'warn' | 'info'>;
}

/** A failed exchange with the server, with what it says about the server. */
class RemoteCallError extends Error {
  constructor(
    message: string,
    /** Worth another attempt: the next one may well succeed. */
    readonly transient: boolean,
    /** The server answered and refused this request (4xx): it is not unwell. */
    readonly refused = false,
  ) {
    super(message);
  }
}

const METADATA_TTL_MS = 60_000;
const BACKOFF = { initialDelay: 50, maxDelay: 500 } as const;
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

interface Exchange {
  readonly path: string;
  readonly body?: unknown;
  /** Statuses besides 2xx whose body is an answer, not a failure. */
  readonly answers?: readonly number[];
}

/**
 * A model served over the Open Inference Protocol v2 (another Strata, or any server using
 * the same tensors).
 *
 * Each HTTP exchange has a deadline. Refused or reset connections, timeouts and 5xx are
 * retried with exponential backoff and jitter, which is safe for `infer` too: inference is
 * a pure function of its texts, so a repeated request cannot do anything twice. A call
 * therefore takes at most (retries + 1) deadlines plus the backoff between them. A circuit
 * breaker counts failed exchanges: while it is open calls fail at once, and after the
 * cooldown one probe goes through. Every failure is a ModelUnavailableError.
 */
export class RemoteSentimentModel implements SentimentModel {
  readonly name: string;
  readonly backend = 'remote' as const;
  private readonly url: string;
  private readonly call: IPolicy;
  private readonly probe: IPolicy;
  private openedAt = 0;
  private known: { metadata: ModelMetadata; at: number } | null = null;

  constructor(private readonly options: RemoteModelOptions) {
    this.name = options.model;
    this.url = options.url.replace(/\/+$/, '');
    const { logger } = options;
    // A 4xx is the server answering about this request, not a sign that it is unwell.
    const breaker = circuitBreaker(
      handleWhen((error) => !(error instanceof RemoteCallError && error.refused)),
      {
        halfOpenAfter: options.breakerCooldownMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
      },
    );
    // A malformed answer would be malformed again, and an open circuit must fail fast.
    const retrying = retry(
      handleWhen(
        (error) =>
          (error instanceof RemoteCallError && error.transient) ||
          error instanceof TaskCancelledError,
      ),
      { maxAttempts: options.retries, backoff: new ExponentialBackoff(BACKOFF) },
    );
    const deadline = () => timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    // The deadline is innermost: each attempt gets its own, and a timeout counts against
    // the breaker like any other failed exchange.
    this.call = wrap(retrying, breaker, deadline());
    this.probe = wrap(breaker, deadline());

    breaker.onBreak(() => {
      this.openedAt = Date.now();
      logger?.warn(
        { url: this.url, cooldownMs: options.breakerCooldownMs },
        'inference server keeps failing: circuit open',
      );
    });
    breaker.onReset(() =>
      logger?.info({ url: this.url }, 'inference server answers again: circuit closed'),
    );
    retrying.onRetry((event) =>
      logger?.warn(
        {
          url: this.url,
          attempt: event.attempt,
          delayMs: Math.round(event.delay),
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
      const decoded = await this.run(
        this.call,
        {
          path: `${modelPath(this.name)}/infer`,
          body: encodeInferRequest(randomUUID(), chunk),
        },
        (answer) => decodeInferResponse(answer, chunk.length),
      );
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
  /** The remote tier bounds its own queue and answers 503 when full. */
  busyFor(): number | null {
    return null;
  }

  async metadata(): Promise<ModelMetadata> {
    if (this.known && Date.now() - this.known.at < METADATA_TTL_MS) {
      return this.known.metadata;
    }
    try {
      const metadata = await this.run(this.call, { path: modelPath(this.name) }, (answer) =>
        decodeModelMetadata(answer, BATCH_MAX),
      );
      this.known = { metadata, at: Date.now() };
      return metadata;
    } catch (error) {
      if (this.known) {
        return this.known.metadata;
      }
      throw error;
    }
  }

  /**
   * Never throws, and answers false at once while the circuit is open. Once the cooldown
   * is over a readiness probe may be the call that closes the circuit again, so a server
   * that only receives probes (no traffic while it is marked unready) still recovers.
   */
  async ready(): Promise<boolean> {
    try {
      return await this.run(
        this.probe,
        // A server that is up but not ready answers 503 `{ "ready": false }`.
        { path: `${modelPath(this.name)}/ready`, answers: [503] },
        (answer) => (answer as { ready?: unknown } | null)?.ready === true,
      );
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // Nothing is held between calls: timers belong to calls in flight, which end at their
    // deadline, and fetch's pooled sockets close on their own.
  }

  /** One call through `policy`: the exchange and reading its answer, as one attempt. */
  private async run<T>(
    policy: IPolicy,
    exchange: Exchange,
    read: (answer: unknown) => T,
  ): Promise<T> {
    let attempts = 0;
    try {
      return await policy.execute(async ({ signal }) => {
        attempts += 1;
        return read(await this.exchange(exchange, signal));
      });
    } catch (error) {
      const unavailable = this.unavailable(error, attempts);
      // Readiness probes repeat while the server is down: their failures are not news.
      if (policy === this.call && !(error instanceof BrokenCircuitError)) {
        this.options.logger?.warn(
          { url: this.url, path: exchange.path, attempts, err: unavailable.message },
          'inference call failed',
        );
      }
      throw unavailable;
    }
  }

  private async exchange(exchange: Exchange, signal: AbortSignal): Promise<unknown> {
    const { path, body } = exchange;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      // Under the same signal: a server that sends headers then stalls hits the deadline.
      text = await response.text();
    } catch (error) {
      // An aborted exchange is the deadline's: the timeout policy reports it.
      throw signal.aborted ? error : networkError(error);
    }
    if (!response.ok && !exchange.answers?.includes(response.status)) {
      const { status } = response;
      throw new RemoteCallError(
        `answered ${status}${errorMessage(text)}`,
        TRANSIENT_STATUS.has(status),
        status >= 400 && status < 500,
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProtocolError('the body is not JSON');
    }
  }

  private unavailable(error: unknown, attempts: number): ModelUnavailableError {
    const server = `The inference server at ${this.url}`;
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    if (error instanceof ModelUnavailableError) {
      return error;
    }
    if (error instanceof BrokenCircuitError) {
      const left = this.openedAt + this.options.breakerCooldownMs - Date.now();
      return new ModelUnavailableError(
        `${server} failed repeatedly, so calls are paused (circuit open); ` +
          `trying again in ${Math.max(1, Math.ceil(left / 1000))} s.`,
      );
    }
    if (error instanceof TaskCancelledError) {
      return new ModelUnavailableError(
        `${server} did not answer within ${this.options.timeoutMs} ms${tries}.`,
      );
    }
    if (error instanceof ProtocolError) {
      return new ModelUnavailableError(
        `${server} answered a malformed response: ${error.message}.`,
      );
    }
    if (error instanceof RemoteCallError) {
      return new ModelUnavailableError(`${server} ${error.message}${tries}.`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ModelUnavailableError(`${server} could not be used: ${message}.`);
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
