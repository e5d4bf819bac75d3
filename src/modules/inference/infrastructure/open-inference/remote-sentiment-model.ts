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
  BinaryTensorError,
  HEADER_LENGTH,
  splitBody,
  withBinaryOutputs,
} from './binary-tensors.protocol.js';
import {
  decodeInferResponse,
  decodeModelMetadata,
  encodeInferRequest,
  modelPath,
  ProtocolError,
  textInputOf,
} from './open-inference.protocol.js';

export interface RemoteModelOptions {
  /** Base URL of the inference server, its path prefix included. */
  readonly url: string;
  readonly model: string;
  /** The model's text input, when its metadata does not make it clear. */
  readonly input?: string | undefined;
  /** An output holding a compound score to read sentiment from (see decodeInferResponse). */
  readonly scoreOutput?: string | undefined;
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
  private known: { metadata: ModelMetadata; input: string; at: number } | null = null;
  /** The version the server's answers name: it stands over the metadata's (MLServer lists none). */
  private served: string | null = null;

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
    // Readiness probes have their own deadline and never touch the breaker: a server that
    // says it is not ready has not failed a prediction.
    this.probe = deadline();

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
    const input = this.known?.input ?? 'text';
    const size = Math.max(1, Math.min(metadata.maxBatchSize, BATCH_MAX));
    const results: Sentiment[] = [];
    for (let start = 0; start < texts.length; start += size) {
      const chunk = texts.slice(start, start + size);
      const decoded = await this.run(
        this.call,
        {
          path: `${modelPath(this.name)}/infer`,
          body: encodeInferRequest(randomUUID(), chunk, input),
        },
        (answer) => decodeInferResponse(answer, chunk.length, this.options.scoreOutput),
      );
      this.answeredBy(decoded.modelVersion);
      results.push(...decoded.sentiments);
    }
    return results;
  }

  /**
   * Notes the version an answer names. The first one named is taken as is; a different one
   * later means the server moved on, so the model is described afresh on the next call.
   */
  private answeredBy(version: string | undefined): void {
    if (!version || version === this.served) {
      return;
    }
    if (this.served !== null) {
      this.known = null;
    }
    this.served = version;
  }

  /** The remote tier bounds its own queue and answers 503 when full. */
  busyFor(): number | null {
    return null;
  }

  /** The model as last described, with the version its answers name (see `answeredBy`). */
  async metadata(): Promise<ModelMetadata> {
    const known = await this.described();
    return this.served === null ? known : { ...known, version: this.served };
  }

  /**
   * Asked once, then again after a minute or once the answers name a new version; while the
   * server is down the last answer stands, so cached scores keep answering.
   */
  private async described(): Promise<ModelMetadata> {
    if (this.known && Date.now() - this.known.at < METADATA_TTL_MS) {
      return this.known.metadata;
    }
    try {
      const known = await this.run(this.call, { path: modelPath(this.name) }, (answer) => ({
        metadata: decodeModelMetadata(answer, BATCH_MAX),
        input: textInputOf(answer, this.options.input),
      }));
      this.known = { ...known, at: Date.now() };
      return known.metadata;
    } catch (error) {
      if (this.known) {
        return this.known.metadata;
      }
      throw error;
    }
  }

  /**
   * The model's readiness endpoint, read by its status as the protocol defines it: 200 is
   * ready, with or without a body (MLServer and Triton send none); anything else, or no
   * answer within the deadline, is not. Never throws, and never counts against the circuit.
   */
  async ready(): Promise<boolean> {
    try {
      return await this.probe.execute(async ({ signal }) => {
        const response = await fetch(`${this.url}${modelPath(this.name)}/ready`, {
          headers: this.headers(false),
          signal,
        });
        await response.arrayBuffer();
        return response.status === 200;
      });
    } catch {
      return false;
    }
  }

  private headers(json: boolean): Record<string, string> {
    return {
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
    };
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
          { url: this.url, path: exchange.path, attempts, err: unavailable.detail },
          'inference call failed',
        );
      }
      throw unavailable;
    }
  }

  private async exchange(exchange: Exchange, signal: AbortSignal): Promise<unknown> {
    const { path, body } = exchange;
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetch(`${this.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: this.headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      // Under the same signal: a server that sends headers then stalls hits the deadline.
      raw = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      // An aborted exchange is the deadline's: the timeout policy reports it.
      throw signal.aborted ? error : networkError(error);
    }
    if (!response.ok) {
      const { status } = response;
      throw new RemoteCallError(
        `answered ${status}${errorMessage(raw.toString('utf8'))}`,
        TRANSIENT_STATUS.has(status),
        status >= 400 && status < 500,
      );
    }
    // A server may answer outputs in binary (the binary tensor data extension).
    const length = response.headers.get(HEADER_LENGTH) ?? undefined;
    try {
      const { header, tensors } = splitBody(raw, length);
      return withBinaryOutputs(JSON.parse(header) as unknown, tensors);
    } catch (error) {
      throw new ProtocolError(
        error instanceof BinaryTensorError ? error.message : 'the body is not JSON',
      );
    }
  }

  /**
   * The failure as its users see it, a stable sentence naming no internal host, and as
   * operators need it (`detail`): where the server is and what it answered.
   */
  private unavailable(error: unknown, attempts: number): ModelUnavailableError {
    if (error instanceof ModelUnavailableError) {
      return error;
    }
    const server = `The inference server at ${this.url}`;
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    if (error instanceof BrokenCircuitError) {
      const left = this.openedAt + this.options.breakerCooldownMs - Date.now();
      const seconds = Math.max(1, Math.ceil(left / 1000));
      return new ModelUnavailableError(
        `The inference server failed repeatedly, so calls are paused; trying again in ${seconds} s.`,
        `${server} failed repeatedly, so calls are paused (circuit open); trying again in ${seconds} s.`,
      );
    }
    if (error instanceof TaskCancelledError) {
      return new ModelUnavailableError(
        'The inference server did not answer in time.',
        `${server} did not answer within ${this.options.timeoutMs} ms${tries}.`,
      );
    }
    if (error instanceof ProtocolError) {
      return new ModelUnavailableError(
        'The inference server answered in a form that cannot be read.',
        `${server} answered a malformed response: ${error.message}.`,
      );
    }
    if (error instanceof RemoteCallError) {
      return new ModelUnavailableError(
        error.refused
          ? 'The inference server refused the request.'
          : 'The inference server cannot be used right now.',
        `${server} ${error.message}${tries}.`,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ModelUnavailableError(
      'The inference server cannot be used right now.',
      `${server} could not be used: ${message}.`,
    );
  }
}

function networkError(error: unknown): RemoteCallError {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const what = (code && NETWORK_ERRORS[code]) ?? `could not be reached (${code ?? String(error)})`;
  return new RemoteCallError(what, true);
}

/**
 * A server's own account of a refusal, shortened: the protocol's `{ "error": "…" }`, or the
 * `{ "detail": … }` of servers built on FastAPI (MLServer's 422). Our texts stay out.
 */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; detail?: unknown };
    const message = parsed.error ?? parsed.detail;
    if (typeof message === 'string') {
      return `: ${message.slice(0, 200)}`;
    }
    // FastAPI's validation errors: where and what, not the `input` they echo back.
    if (Array.isArray(message)) {
      const issues = (message as { loc?: unknown; msg?: unknown }[]).map(
        (issue) =>
          `${Array.isArray(issue.loc) ? issue.loc.join('.') : '?'}: ${String(issue.msg ?? '')}`,
      );
      return `: ${issues.join('; ').slice(0, 200)}`;
    }
    return '';
  } catch {
    return '';
  }
}
