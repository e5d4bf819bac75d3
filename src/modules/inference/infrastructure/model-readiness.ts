import type { ReadinessCheck, ReadinessReport } from '#shared/application/readiness.js';
import type { SentimentModel } from '../application/ports/sentiment-model.js';

/** `/readyz` reports the model: an instance whose model cannot score should not take traffic. */
export class ModelReadiness implements ReadinessCheck {
  readonly name = 'model';

  constructor(private readonly model: () => SentimentModel) {}

  async check(): Promise<ReadinessReport> {
    const model = this.model();
    const ready = await model.ready();
    return {
      ready,
      detail: ready
        ? `${model.backend} model ${model.name} is ready`
        : `${model.backend} model ${model.name} is not ready`,
    };
  }
}
