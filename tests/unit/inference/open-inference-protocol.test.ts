import { describe, expect, it } from 'vitest';
import { classify } from '#modules/inference/domain/sentiment.js';
import {
  BinaryTensorError,
  decodeBytesTensor,
  decodeFloatTensor,
  encodeBytesTensor,
  encodeFp64Tensor,
  splitBody,
  withBinaryOutputs,
} from '#modules/inference/infrastructure/open-inference/binary-tensors.protocol.js';
import {
  decodeInferRequest,
  decodeInferResponse,
  decodeModelMetadata,
  encodeInferRequest,
  encodeInferResponse,
  encodeModelMetadata,
  OUTPUT_TENSORS,
  ProtocolError,
  textInputOf,
} from '#modules/inference/infrastructure/open-inference/open-inference.protocol.js';

const ALL_JSON = OUTPUT_TENSORS.map((name) => ({ name, binary: false }));

const meta = {
  name: 'vader-sentiment',
  version: '1.1.3',
  backend: 'local' as const,
  labels: ['POSITIVE', 'NEGATIVE', 'NEUTRAL'] as const,
  maxBatchSize: 1000,
};
const sentiments = [
  classify({ positive: 0.6, negative: 0, neutral: 0.4, compound: 0.8 }),
  classify({ positive: 0, negative: 0.5, neutral: 0.5, compound: -0.4 }),
  classify({ positive: 0, negative: 0, neutral: 1, compound: 0 }),
];

describe('Open Inference Protocol codec', () => {
  it('round-trips model metadata, as a remote model', () => {
    const decoded = decodeModelMetadata(JSON.parse(JSON.stringify(encodeModelMetadata(meta))), 50);
    expect(decoded).toEqual({ ...meta, labels: [...meta.labels], backend: 'remote' });
  });

  it('reads metadata without Strata properties or versions with defaults, and refuses junk', () => {
    expect(decodeModelMetadata({ name: 'm', versions: ['1', '2'], platform: 'x' }, 64)).toEqual({
      name: 'm',
      version: '2',
      backend: 'remote',
      labels: ['POSITIVE', 'NEGATIVE', 'NEUTRAL'],
      maxBatchSize: 64,
    });
    expect(decodeModelMetadata({ name: 'm', platform: 'x' }, 64).version).toBe('unversioned');
    expect(() => decodeModelMetadata({ versions: ['1'] }, 64)).toThrow(ProtocolError);
    expect(() => decodeModelMetadata({ name: 'm', versions: [''] }, 64)).toThrow(ProtocolError);
    expect(() =>
      decodeModelMetadata({ name: 'm', versions: ['1'], properties: { labels: 'HAPPY' } }, 64),
    ).toThrow(/unknown labels/);
  });

  it('round-trips an inference request, and reads nested tensor data', () => {
    const texts = ['one', 'two', 'three'];
    expect(decodeInferRequest(encodeInferRequest('r1', texts))).toEqual({
      ok: true,
      value: { id: 'r1', texts, outputs: ALL_JSON },
    });
    expect(
      decodeInferRequest({
        inputs: [{ name: 'text', datatype: 'BYTES', shape: [2, 1], data: [['a'], ['b']] }],
      }),
    ).toEqual({ ok: true, value: { id: undefined, texts: ['a', 'b'], outputs: ALL_JSON } });
  });

  it.each([
    { name: 'no inputs', body: { inputs: [] }, error: /malformed/ },
    {
      name: 'a wrong tensor name',
      body: { inputs: [{ name: 'x', datatype: 'BYTES', shape: [1], data: ['a'] }] },
      error: /unexpected input "x"/,
    },
    {
      name: 'a wrong datatype',
      body: { inputs: [{ name: 'text', datatype: 'FP32', shape: [1], data: ['a'] }] },
      error: /BYTES/,
    },
    {
      name: 'a shape that does not match',
      body: { inputs: [{ name: 'text', datatype: 'BYTES', shape: [3], data: ['a'] }] },
      error: /shape/,
    },
    {
      name: 'numbers for text',
      body: { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: [1] }] },
      error: /strings/,
    },
  ])('refuses a request with $name', ({ body, error }) => {
    const decoded = decodeInferRequest(body);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.error).toMatch(error);
  });

  it('round-trips an inference response in order', () => {
    const body = JSON.parse(JSON.stringify(encodeInferResponse(meta, 'r1', sentiments).header));
    expect(decodeInferResponse(body, 3)).toEqual({
      modelName: 'vader-sentiment',
      modelVersion: '1.1.3',
      sentiments,
    });
  });

  const response = () =>
    JSON.parse(JSON.stringify(encodeInferResponse(meta, 'r1', sentiments).header)) as {
      outputs: { name: string; data: unknown[] }[];
    };
  const output = (body: ReturnType<typeof response>, name: string) =>
    body.outputs.find((candidate) => candidate.name === name) as { data: unknown[] };

  it.each([
    {
      name: 'a missing output',
      change: (body: ReturnType<typeof response>) => {
        body.outputs = body.outputs.filter((o) => o.name !== 'compound');
      },
      error: /lacks the "compound" output/,
    },
    {
      name: 'too few values',
      change: (body: ReturnType<typeof response>) => {
        output(body, 'score').data.pop();
      },
      error: /"score" has 2 values for 3 texts/,
    },
    {
      name: 'an unknown label',
      change: (body: ReturnType<typeof response>) => {
        output(body, 'label').data[0] = 'HAPPY';
      },
      error: /"label" has values out of range/,
    },
    {
      name: 'a score out of range',
      change: (body: ReturnType<typeof response>) => {
        output(body, 'positive').data[1] = 7;
      },
      error: /"positive" has values out of range/,
    },
  ])('refuses a response with $name', ({ change, error }) => {
    const body = response();
    change(body);
    expect(() => decodeInferResponse(body, 3)).toThrow(error);
  });

  it('refuses a response that is not an inference response at all', () => {
    expect(() => decodeInferResponse('<html>', 1)).toThrow(ProtocolError);
    expect(() => decodeInferResponse({ error: 'boom' }, 1)).toThrow(/malformed/);
  });

  it('answers the outputs asked for, in their order, and refuses unknown or repeated ones', () => {
    const body = (outputs: unknown, parameters?: unknown) => ({
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['a'] }],
      outputs,
      ...(parameters ? { parameters } : {}),
    });
    const asked = decodeInferRequest(
      body([{ name: 'compound' }, { name: 'label', parameters: { binary_data: true } }]),
    );
    expect(asked.ok && asked.value.outputs).toEqual([
      { name: 'compound', binary: false },
      { name: 'label', binary: true },
    ]);
    const answer = encodeInferResponse(meta, undefined, sentiments.slice(0, 1), [
      { name: 'compound', binary: false },
    ]);
    expect(answer).toEqual({
      header: {
        model_name: 'vader-sentiment',
        model_version: '1.1.3',
        outputs: [
          { name: 'compound', datatype: 'FP64', shape: [1], data: [sentiments[0]?.compound] },
        ],
      },
      binary: null,
    });
    const all = decodeInferRequest(body(undefined, { binary_data_output: true }));
    expect(all.ok && all.value.outputs).toEqual(
      OUTPUT_TENSORS.map((name) => ({ name, binary: true })),
    );
    const unknown = decodeInferRequest(body([{ name: 'sentiment' }]));
    expect(unknown.ok ? '' : unknown.error).toMatch(/unknown output "sentiment"/);
    const twice = decodeInferRequest(body([{ name: 'label' }, { name: 'label' }]));
    expect(twice.ok ? '' : twice.error).toMatch(/more than once/);
  });

  it('refuses extra inputs and an input given twice', () => {
    const text = { name: 'text', datatype: 'BYTES', shape: [1], data: ['a'] };
    const extra = decodeInferRequest({
      inputs: [text, { name: 'lang', datatype: 'BYTES', shape: [1], data: ['en'] }],
    });
    expect(extra.ok ? '' : extra.error).toMatch(/unexpected input "lang"/);
    const twice = decodeInferRequest({ inputs: [text, text] });
    expect(twice.ok ? '' : twice.error).toMatch(/more than once/);
  });

  it('reads binary BYTES inputs and writes binary outputs (the binary tensor data extension)', () => {
    const texts = ['good', 'ünïcode ✓', ''];
    const bytes = encodeBytesTensor(texts);
    expect(bytes.length).toBe(texts.reduce((sum, t) => sum + 4 + Buffer.byteLength(t), 0));
    expect(decodeBytesTensor(bytes, 'text')).toEqual(texts);
    const header = JSON.stringify({
      inputs: [
        {
          name: 'text',
          datatype: 'BYTES',
          shape: [3],
          parameters: { binary_data_size: bytes.length },
        },
      ],
      parameters: { binary_data_output: true },
    });
    const split = splitBody(Buffer.concat([Buffer.from(header), bytes]), String(header.length));
    const decoded = decodeInferRequest(JSON.parse(split.header), split.tensors);
    expect(decoded.ok && decoded.value.texts).toEqual(texts);

    const answer = encodeInferResponse(meta, 'r', sentiments, [
      { name: 'label', binary: true },
      { name: 'score', binary: true },
      { name: 'compound', binary: false },
    ]);
    const [label, score] = answer.header.outputs as {
      parameters: { binary_data_size: number };
    }[];
    const labelSize = label?.parameters.binary_data_size ?? 0;
    const binary = answer.binary ?? Buffer.alloc(0);
    expect(decodeBytesTensor(binary.subarray(0, labelSize), 'label')).toEqual(
      sentiments.map((s) => s.label),
    );
    expect(decodeFloatTensor(binary.subarray(labelSize), 'FP64', 'score')).toEqual(
      sentiments.map((s) => s.score),
    );
    expect(score?.parameters.binary_data_size).toBe(8 * sentiments.length);
    expect(encodeFp64Tensor([0.5])).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 0xe0, 0x3f]));
  });

  it.each([
    { name: 'a header length past the body', header: '999', extra: Buffer.alloc(0) },
    { name: 'bytes left over', header: undefined, extra: Buffer.from([1, 2, 3]) },
    { name: 'a cut element', header: undefined, extra: Buffer.from([9, 0, 0, 0, 65]) },
    {
      name: 'text that is not UTF-8',
      header: undefined,
      extra: Buffer.from([2, 0, 0, 0, 0xc3, 0x28]),
    },
  ])('refuses a binary body with $name', ({ header, extra }) => {
    const json = JSON.stringify({
      inputs: [
        {
          name: 'text',
          datatype: 'BYTES',
          shape: [1],
          parameters: { binary_data_size: extra.length === 3 ? 0 : extra.length },
        },
      ],
    });
    const body = Buffer.concat([Buffer.from(json), extra]);
    const attempt = () => {
      const split = splitBody(body, header ?? String(json.length));
      return decodeInferRequest(JSON.parse(split.header), split.tensors);
    };
    if (header) {
      expect(attempt).toThrow(BinaryTensorError);
      return;
    }
    const decoded = attempt();
    expect(decoded.ok).toBe(false);
  });

  it("finds a remote model's text input: configured, `text`, or its only BYTES input", () => {
    const meta = (inputs: unknown) => ({ name: 'm', inputs });
    expect(textInputOf(meta(undefined), undefined)).toBe('text');
    expect(textInputOf(meta([{ name: 'TEXT', datatype: 'BYTES' }]), undefined)).toBe('TEXT');
    expect(
      textInputOf(
        meta([
          { name: 'text', datatype: 'BYTES' },
          { name: 'lang', datatype: 'BYTES' },
        ]),
        undefined,
      ),
    ).toBe('text');
    expect(textInputOf(meta([{ name: 'TEXT', datatype: 'BYTES' }]), 'prompt')).toBe('prompt');
    expect(() =>
      textInputOf(
        meta([
          { name: 'a', datatype: 'BYTES' },
          { name: 'b', datatype: 'BYTES' },
        ]),
        undefined,
      ),
    ).toThrow(/INFERENCE_REMOTE_INPUT/);
  });

  it('derives sentiment from a compound score when the model has no label and score', () => {
    const answer = (outputs: unknown[]) => ({ model_name: 'm', model_version: null, outputs });
    const compound = { name: 'compound', datatype: 'FP64', shape: [2, 1], data: [0.8, -0.3] };
    const decoded = decodeInferResponse(answer([compound]), 2);
    expect(decoded.modelVersion).toBeUndefined();
    expect(decoded.sentiments).toEqual([
      {
        label: 'POSITIVE',
        score: 0.8,
        positive: 0.8,
        negative: 0,
        neutral: expect.closeTo(0.2),
        compound: 0.8,
      },
      { label: 'NEGATIVE', score: 0.3, positive: 0, negative: 0.3, neutral: 0.7, compound: -0.3 },
    ]);
    // A single numeric output of any name, or the one configured among several.
    const single = { name: 'SCORE', datatype: 'FP32', shape: [2], data: [0.8, -0.3] };
    expect(decodeInferResponse(answer([single]), 2).sentiments).toEqual(decoded.sentiments);
    const other = { name: 'logit', datatype: 'FP32', shape: [2], data: [5, 6] };
    expect(decodeInferResponse(answer([other, single]), 2, 'SCORE').sentiments).toEqual(
      decoded.sentiments,
    );
    expect(() => decodeInferResponse(answer([other, single]), 2)).toThrow(
      /INFERENCE_REMOTE_SCORE_OUTPUT/,
    );
    expect(() => decodeInferResponse(answer([{ ...single, data: [0.8, 3] }]), 2)).toThrow(
      /out of range/,
    );
  });

  it('reads outputs a server answered in binary as if they were JSON', () => {
    const labels = encodeBytesTensor(['POSITIVE']);
    const scores = encodeFp64Tensor([0.5]);
    const header = {
      outputs: [
        {
          name: 'label',
          datatype: 'BYTES',
          shape: [1],
          parameters: { binary_data_size: labels.length },
        },
        { name: 'plain', datatype: 'FP64', shape: [1], data: [1] },
        { name: 'score', datatype: 'FP64', shape: [1], parameters: { binary_data_size: 8 } },
      ],
    };
    expect(withBinaryOutputs(header, Buffer.concat([labels, scores]))).toMatchObject({
      outputs: [
        { name: 'label', data: ['POSITIVE'] },
        { name: 'plain', data: [1] },
        { name: 'score', data: [0.5] },
      ],
    });
    expect(() => withBinaryOutputs(structuredClone(header), labels)).toThrow(BinaryTensorError);
  });
});
