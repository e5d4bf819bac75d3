import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ModelUnavailableError, type Sentiment } from '#modules/inference/application/index.js';
import { type EvaluationMetrics, evaluate } from '#modules/inference/domain/evaluation.js';
import { createSentimentModel } from '#modules/inference/infrastructure/sentiment-model-factory.js';
import { createLogger } from '#shared/infrastructure/logger.js';
import { cliConfig } from './cli-context.js';
import { CliError } from './cli-error.js';
import { parseLabelledTexts } from './labelled-texts.js';

interface EvalOptions {
  readonly file: string;
  readonly json?: boolean;
  readonly batchSize: string;
}

interface EvaluationReport extends EvaluationMetrics {
  readonly model: { readonly name: string; readonly version: string; readonly backend: string };
  readonly file: string;
  readonly elapsedMs: number;
  readonly textsPerSecond: number;
}

export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('The sentiment model');
  model
    .command('eval')
    .description(
      'Score a labelled file (rating<TAB>text per line, rating > 0 = positive) through the ' +
        'configured model and print accuracy, F1, Pearson r and throughput',
    )
    .requiredOption('--file <path>', 'the labelled file')
    .option('--json', 'print one JSON object instead of a table')
    .option('--batch-size <n>', 'texts per model call (at most the model’s maximum)', '100')
    .action(async (options: EvalOptions) => {
      const report = await evaluateFile(options);
      console.log(options.json ? JSON.stringify(report) : describe(report));
    });
}

async function evaluateFile(options: EvalOptions): Promise<EvaluationReport> {
  const batchSize = Number(options.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CliError(`--batch-size must be a positive integer, not "${options.batchSize}".`);
  }
  const content = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${options.file}: ${error.code ?? error.message}.`);
  });
  const examples = parseLabelledTexts(content, options.file);
  const config = cliConfig();
  const logger = createLogger({ ...config, nodeEnv: 'production', logLevel: 'error' });
  const model = createSentimentModel(config.inference, logger);
  const bar =
    !options.json && process.stderr.isTTY
      ? new SingleBar({ stream: process.stderr, clearOnComplete: true }, Presets.shades_classic)
      : null;
  try {
    const metadata = await model.metadata();
    // Warm up (the local model loads VADER in each worker) so throughput measures scoring.
    await model.ready();
    const size = Math.min(batchSize, metadata.maxBatchSize);
    const predictions: Sentiment[] = [];
    bar?.start(examples.length, 0);
    const started = performance.now();
    for (let start = 0; start < examples.length; start += size) {
      const chunk = examples.slice(start, start + size).map((example) => example.text);
      predictions.push(...(await model.predict(chunk)));
      bar?.update(predictions.length);
    }
    const elapsedMs = performance.now() - started;
    bar?.stop();
    const metrics = evaluate(
      examples.map((example) => example.rating),
      predictions,
    );
    return {
      model: { name: metadata.name, version: metadata.version, backend: metadata.backend },
      file: options.file,
      ...metrics,
      elapsedMs: Math.round(elapsedMs * 10) / 10,
      textsPerSecond: Math.round(examples.length / (Math.max(elapsedMs, 0.001) / 1000)),
    };
  } catch (error) {
    bar?.stop();
    if (error instanceof ModelUnavailableError) {
      throw new CliError(error.detail);
    }
    throw error;
  } finally {
    await model.close();
  }
}

const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

function describe(report: EvaluationReport): string {
  const { model } = report;
  return [
    `Model        ${model.name} ${model.version} (${model.backend})`,
    `File         ${report.file}`,
    `Examples     ${report.examples}`,
    `Accuracy     ${ratio(report.accuracy)}`,
    `Precision    ${ratio(report.precision)}  (positive class)`,
    `Recall       ${ratio(report.recall)}  (positive class)`,
    `F1           ${ratio(report.f1)}  (positive class)`,
    `Pearson r    ${ratio(report.pearson)}  (compound score vs rating)`,
    `Throughput   ${report.textsPerSecond} texts/s (${report.examples} texts in ${report.elapsedMs} ms)`,
  ].join('\n');
}
