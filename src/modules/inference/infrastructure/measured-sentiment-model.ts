import { type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  type ModelMetadata,
  ModelUnavailableError,
  type SentimentModel,
} from '../application/ports/sentiment-model.js';
import type { Sentiment } from '../domain/sentiment.js';

/**
 * The configured model, with Prometheus metrics: calls by outcome, texts scored, and how
 * long each call took; and with tracing on, a span per call (the remote adapter's HTTP
 * requests are its children). Cached scores never reach the model, so they are not counted.
 */
export class MeasuredSentimentModel implements SentimentModel {
  readonly name: string;
  readonly backend: SentimentModel['backend'];
  private readonly calls: Counter<'backend' | 'outcome'>;
  private readonly texts: Counter<'backend'>;
  private readonly durations: Histogram<'backend'>;

  constructor(
    private readonly inner: SentimentModel,
    registry: Registry,
    private readonly tracer: Tracer | null = null,
  ) {
    this.name = inner.name;
    this.backend = inner.backend;
    this.calls = new Counter({
      name: 'strata_inference_model_calls_total',
      help: 'Calls to the sentiment model, by backend and outcome (ok, unavailable, error).',
      labelNames: ['backend', 'outcome'],
      registers: [registry],
    });
    this.texts = new Counter({
      name: 'strata_inference_texts_scored_total',
      help: 'Texts the sentiment model scored (cache misses).',
      labelNames: ['backend'],
      registers: [registry],
    });
    this.durations = new Histogram({
      name: 'strata_inference_model_call_duration_seconds',
      help: 'Duration of calls to the sentiment model, failures included.',
      labelNames: ['backend'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  predict(texts: readonly string[]): Promise<Sentiment[]> {
    if (!this.tracer) {
      return this.measured(texts, null);
    }
    return this.tracer.startActiveSpan(
      'sentiment predict',
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          'strata.inference.backend': this.backend,
          'strata.inference.model': this.name,
          'strata.inference.texts': texts.length,
        },
      },
      (span) => this.measured(texts, span),
    );
  }

  private async measured(texts: readonly string[], span: Span | null): Promise<Sentiment[]> {
    const labels = { backend: this.backend };
    const stop = this.durations.startTimer(labels);
    try {
      const scores = await this.inner.predict(texts);
      this.calls.inc({ ...labels, outcome: 'ok' });
      this.texts.inc(labels, texts.length);
      return scores;
    } catch (error) {
      const outcome = error instanceof ModelUnavailableError ? 'unavailable' : 'error';
      this.calls.inc({ ...labels, outcome });
      span?.setAttribute('strata.inference.outcome', outcome);
      span?.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      stop();
      span?.end();
    }
  }

  metadata(): Promise<ModelMetadata> {
    return this.inner.metadata();
  }

  busyFor(characters: number): number | null {
    return this.inner.busyFor(characters);
  }

  ready(): Promise<boolean> {
    return this.inner.ready();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
