import { z } from 'zod';
import type { ModelMetadata } from '../../application/ports/sentiment-model.js';
import { classify, type Sentiment, SentimentLabel } from '../../domain/sentiment.js';
import {
  BinaryTensorError,
  decodeBytesTensor,
  encodeBytesTensor,
  encodeFp64Tensor,
  TensorReader,
} from './binary-tensors.protocol.js';

/**
 * How Strata's sentiment model speaks the Open Inference Protocol v2 (REST): one BYTES
 * input tensor `text` of shape [n]; outputs `label` (BYTES), `score`, `positive`,
 * `negative`, `neutral`, `compound` (FP64), each of shape [n], in the order of the texts.
 * The same codec serves `/v2` and reads a remote server's answers.
 */
const INPUT_TENSOR = 'text';
const SCORE_TENSORS = ['score', 'positive', 'negative', 'neutral', 'compound'] as const;
const LABELS = Object.values(SentimentLabel);

/** A remote answer that does not follow the protocol (or this model's tensors). */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** The version of a model whose server lists none. */
const UNVERSIONED = 'unversioned';

export const modelPath = (name: string) => `/v2/models/${encodeURIComponent(name)}`;

// ---- model metadata -------------------------------------------------------------------

export function encodeModelMetadata(meta: ModelMetadata) {
  return {
    name: meta.name,
    versions: [meta.version],
    platform: 'strata_sentiment',
    inputs: [{ name: INPUT_TENSOR, datatype: 'BYTES', shape: [-1] }],
    outputs: [
      { name: 'label', datatype: 'BYTES', shape: [-1] },
      ...SCORE_TENSORS.map((name) => ({ name, datatype: 'FP64', shape: [-1] })),
    ],
    properties: { labels: meta.labels.join(','), max_batch_size: String(meta.maxBatchSize) },
  };
}

const tensorMetadataSchema = z.object({ name: z.string(), datatype: z.string() });

const modelMetadataSchema = z.object({
  name: z.string().min(1),
  inputs: z.array(tensorMetadataSchema).optional(),
  // Optional in the protocol: servers without versioning leave it out.
  versions: z.array(z.string().min(1)).optional(),
  properties: z
    .object({
      labels: z.string().optional(),
      max_batch_size: z
        .string()
        .regex(/^[1-9]\d*$/)
        .optional(),
    })
    .optional(),
});

export function decodeModelMetadata(body: unknown, fallbackMaxBatch: number): ModelMetadata {
  const parsed = modelMetadataSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProtocolError(`malformed model metadata: ${describe(parsed.error)}`);
  }
  const { name, versions, properties } = parsed.data;
  const labels = (properties?.labels ?? LABELS.join(',')).split(',');
  if (!labels.every((label): label is SentimentLabel => isLabel(label))) {
    throw new ProtocolError(`unknown labels in model metadata: ${labels.join(',')}`);
  }
  return {
    name,
    // The newest version is listed last. Scores are cached per version, so a server that
    // has none gets one name for all its answers.
    version: versions?.at(-1) ?? UNVERSIONED,
    backend: 'remote',
    labels,
    maxBatchSize: Number(properties?.max_batch_size ?? fallbackMaxBatch),
  };
}

/**
 * The input a remote model takes its texts in: the configured one, else `text`, else the
 * model's only BYTES input. A model with several and none configured is a `ProtocolError`.
 */
export function textInputOf(body: unknown, configured: string | undefined): string {
  if (configured) {
    return configured;
  }
  const inputs = modelMetadataSchema.safeParse(body).data?.inputs ?? [];
  if (inputs.length === 0 || inputs.some((input) => input.name === INPUT_TENSOR)) {
    return INPUT_TENSOR;
  }
  const texts = inputs.filter((input) => input.datatype === 'BYTES');
  if (texts.length === 1 && texts[0]) {
    return texts[0].name;
  }
  throw new ProtocolError(
    `the model's inputs (${inputs.map((input) => input.name).join(', ')}) hold no single BYTES input; set INFERENCE_REMOTE_INPUT`,
  );
}

// ---- inference request ----------------------------------------------------------------

export function encodeInferRequest(id: string, texts: readonly string[], input = INPUT_TENSOR) {
  return {
    id,
    inputs: [{ name: input, datatype: 'BYTES', shape: [texts.length], data: texts }],
  };
}

const inferRequestSchema = z.object({
  // Echoed as given; the protocol sets no length (the body limit bounds it).
  id: z.string().optional(),
  parameters: z.looseObject({ binary_data_output: z.boolean().optional() }).optional(),
  inputs: z
    .array(
      z.object({
        name: z.string(),
        datatype: z.string(),
        shape: z.array(z.number().int().nonnegative()),
        parameters: z
          .looseObject({ binary_data_size: z.number().int().nonnegative().optional() })
          .optional(),
        // Absent when the tensor travels in binary (the binary tensor data extension).
        data: z.array(z.unknown()).optional(),
      }),
    )
    .min(1),
  outputs: z
    .array(
      z.object({
        name: z.string(),
        parameters: z.looseObject({ binary_data: z.boolean().optional() }).optional(),
      }),
    )
    .optional(),
});

/** The model's output tensors, in the order it answers them. */
export const OUTPUT_TENSORS = ['label', ...SCORE_TENSORS] as const;
type OutputTensor = (typeof OUTPUT_TENSORS)[number];

/** One output to answer, and whether it travels in binary. */
export interface RequestedOutput {
  readonly name: OutputTensor;
  readonly binary: boolean;
}

interface InferRequest {
  /** The request's id, echoed only when it gave one. */
  readonly id: string | undefined;
  readonly texts: string[];
  /** What to answer: the outputs asked for, in their order, or all of them. */
  readonly outputs: readonly RequestedOutput[];
}

type Decoded = { ok: true; value: InferRequest } | { ok: false; error: string };

const isOutput = (name: string): name is OutputTensor =>
  (OUTPUT_TENSORS as readonly string[]).includes(name);

/**
 * Reads an infer request for Strata's model; the error names what is wrong with it.
 * `tensors` holds the bytes after the JSON header when the request uses the binary tensor
 * data extension; each binary input takes its `binary_data_size` of them in turn.
 */
export function decodeInferRequest(body: unknown, tensors: Buffer = Buffer.alloc(0)): Decoded {
  const parsed = inferRequestSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: `malformed inference request: ${describe(parsed.error)}` };
  }
  const { id, inputs, outputs, parameters } = parsed.data;
  const stranger = inputs.find((candidate) => candidate.name !== INPUT_TENSOR);
  if (stranger) {
    return {
      ok: false,
      error: `unexpected input "${stranger.name}": this model takes one input, "${INPUT_TENSOR}"`,
    };
  }
  if (inputs.length > 1) {
    return { ok: false, error: `input "${INPUT_TENSOR}" is given more than once` };
  }
  const input = inputs[0];
  if (!input) {
    return { ok: false, error: `expected an input tensor named "${INPUT_TENSOR}"` };
  }
  if (input.datatype !== 'BYTES') {
    return { ok: false, error: `input "${INPUT_TENSOR}" must have datatype BYTES` };
  }
  let data: unknown[];
  try {
    data = inputData(input, new TensorReader(tensors));
  } catch (error) {
    if (error instanceof BinaryTensorError) {
      return { ok: false, error: error.message };
    }
    throw error;
  }
  const count = input.shape.reduce((product, size) => product * size, 1);
  if (input.shape.length < 1 || count !== data.length) {
    return { ok: false, error: `input "${INPUT_TENSOR}" shape does not match its data` };
  }
  if (!data.every((item): item is string => typeof item === 'string')) {
    return { ok: false, error: `input "${INPUT_TENSOR}" data must be strings` };
  }
  const binaryByDefault = parameters?.binary_data_output ?? false;
  const requested = outputs ?? OUTPUT_TENSORS.map((name) => ({ name, parameters: undefined }));
  const selected: RequestedOutput[] = [];
  for (const output of requested) {
    if (!isOutput(output.name)) {
      return {
        ok: false,
        error: `unknown output "${output.name}": this model has ${OUTPUT_TENSORS.join(', ')}`,
      };
    }
    if (selected.some((done) => done.name === output.name)) {
      return { ok: false, error: `output "${output.name}" is asked for more than once` };
    }
    selected.push({
      name: output.name,
      binary: output.parameters?.binary_data ?? binaryByDefault,
    });
  }
  return { ok: true, value: { id, texts: data, outputs: selected } };
}

/** An input's elements: its JSON `data`, or its share of the binary tensor bytes. */
function inputData(
  input: {
    data?: unknown[] | undefined;
    parameters?: { binary_data_size?: number | undefined } | undefined;
  },
  reader: TensorReader,
): unknown[] {
  const size = input.parameters?.binary_data_size;
  if (size === undefined) {
    reader.finish();
    if (!input.data) {
      throw new BinaryTensorError(`input "${INPUT_TENSOR}" has neither data nor binary_data_size`);
    }
    return input.data.flat(Number.POSITIVE_INFINITY as 1);
  }
  if (input.data) {
    throw new BinaryTensorError(`input "${INPUT_TENSOR}" has both data and binary_data_size`);
  }
  const texts = decodeBytesTensor(reader.take(size, INPUT_TENSOR), INPUT_TENSOR);
  reader.finish();
  return texts;
}

// ---- inference response ---------------------------------------------------------------

const ALL_AS_JSON: readonly RequestedOutput[] = OUTPUT_TENSORS.map((name) => ({
  name,
  binary: false,
}));

/**
 * An infer answer with the outputs asked for. Outputs asked for in binary go after the JSON
 * header, in order, and `binary` holds them; otherwise `binary` is null and the header is
 * the whole answer.
 */
export function encodeInferResponse(
  meta: Pick<ModelMetadata, 'name' | 'version'>,
  id: string | undefined,
  sentiments: readonly Sentiment[],
  outputs: readonly RequestedOutput[] = ALL_AS_JSON,
) {
  const shape = [sentiments.length];
  const chunks: Buffer[] = [];
  const tensors = outputs.map(({ name, binary }) => {
    const datatype = name === 'label' ? 'BYTES' : 'FP64';
    const values =
      name === 'label' ? sentiments.map((s) => s.label) : sentiments.map((s) => s[name]);
    if (!binary) {
      return { name, datatype, shape, data: values };
    }
    const bytes =
      name === 'label'
        ? encodeBytesTensor(values as string[])
        : encodeFp64Tensor(values as number[]);
    chunks.push(bytes);
    return { name, datatype, shape, parameters: { binary_data_size: bytes.length } };
  });
  return {
    header: {
      model_name: meta.name,
      model_version: meta.version,
      ...(id === undefined ? {} : { id }),
      outputs: tensors,
    },
    binary: chunks.length > 0 ? Buffer.concat(chunks) : null,
  };
}

const inferResponseSchema = z.object({
  model_name: z.string(),
  // MLServer sends null for a model without a version.
  model_version: z.string().min(1).nullish(),
  id: z.string().nullish(),
  outputs: z.array(
    z.object({
      name: z.string(),
      datatype: z.string(),
      shape: z.array(z.number().int().nonnegative()),
      data: z.array(z.unknown()),
    }),
  ),
});

export interface InferResponse {
  readonly modelName: string;
  readonly modelVersion: string | undefined;
  readonly sentiments: Sentiment[];
}

const unit = z.number().min(0).max(1);
const outputSchemas = {
  label: z.enum(LABELS),
  score: unit,
  positive: unit,
  negative: unit,
  neutral: unit,
  compound: z.number().min(-1).max(1),
} as const;

const NUMERIC = new Set(['FP16', 'FP32', 'FP64']);

/**
 * Reads a remote answer for `count` texts; anything off-protocol is a `ProtocolError`.
 * A model with Strata's outputs (`label` and `score` among them) is read as is. Any other
 * gives a compound score (−1 to 1) — the `scoreOutput` named, else `compound`, else its only
 * numeric output — and the sentiment is derived from it as Strata classifies VADER's.
 */
export function decodeInferResponse(
  body: unknown,
  count: number,
  scoreOutput?: string,
): InferResponse {
  const parsed = inferResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProtocolError(`malformed inference response: ${describe(parsed.error)}`);
  }
  const { outputs } = parsed.data;
  const has = (name: string) => outputs.some((output) => output.name === name);
  if (scoreOutput || !(has('label') && has('score'))) {
    const numeric = outputs.filter((output) => NUMERIC.has(output.datatype));
    const name =
      scoreOutput ??
      (has('compound') ? 'compound' : numeric.length === 1 ? numeric[0]?.name : undefined);
    if (!name) {
      throw new ProtocolError(
        `inference response has neither label and score nor a compound score (outputs: ${outputs.map((output) => output.name).join(', ')}); set INFERENCE_REMOTE_SCORE_OUTPUT`,
      );
    }
    const compounds = columnOf(outputs, name, outputSchemas.compound, count);
    return {
      modelName: parsed.data.model_name,
      modelVersion: parsed.data.model_version ?? undefined,
      sentiments: compounds.map((compound) => fromCompound(compound)),
    };
  }
  const columns = new Map<string, unknown[]>();
  for (const [name, schema] of Object.entries(outputSchemas)) {
    columns.set(name, columnOf<unknown>(outputs, name, schema, count));
  }
  const column = <T>(name: keyof typeof outputSchemas) => columns.get(name) as T[];
  const labels = column<SentimentLabel>('label');
  const sentiments = labels.map((label, index) => ({
    label,
    score: column<number>('score')[index] as number,
    positive: column<number>('positive')[index] as number,
    negative: column<number>('negative')[index] as number,
    neutral: column<number>('neutral')[index] as number,
    compound: column<number>('compound')[index] as number,
  }));
  return {
    modelName: parsed.data.model_name,
    modelVersion: parsed.data.model_version ?? undefined,
    sentiments,
  };
}

/** One output's values for `count` texts, each checked against `schema`. */
function columnOf<T>(
  outputs: readonly { name: string; data: unknown[] }[],
  name: string,
  schema: z.ZodType<T>,
  count: number,
): T[] {
  const output = outputs.find((candidate) => candidate.name === name);
  if (!output) {
    throw new ProtocolError(`inference response lacks the "${name}" output`);
  }
  const data = output.data.flat(Number.POSITIVE_INFINITY as 1);
  if (data.length !== count) {
    throw new ProtocolError(
      `inference response "${name}" has ${data.length} values for ${count} texts`,
    );
  }
  const values = z.array(schema).safeParse(data);
  if (!values.success) {
    throw new ProtocolError(`inference response "${name}" has values out of range`);
  }
  return values.data;
}

/**
 * A sentiment from a compound score alone: the label and score as Strata classifies any
 * compound; the shares, which such a model does not give, as the compound's positive and
 * negative parts and the rest neutral.
 */
function fromCompound(compound: number): Sentiment {
  return classify({
    positive: Math.max(compound, 0),
    negative: Math.max(-compound, 0),
    neutral: 1 - Math.abs(compound),
    compound,
  });
}

const isLabel = (value: string): value is SentimentLabel =>
  (LABELS as readonly string[]).includes(value);

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
