import { describe, expect, it } from 'vitest';
import { classify } from '#modules/inference/domain/sentiment.js';
import {
  decodeInferRequest,
  decodeInferResponse,
  decodeModelMetadata,
  encodeInferRequest,
  encodeInferResponse,
  encodeModelMetadata,
  ProtocolError,
} from '#modules/inference/infrastructure/open-inference/open-inference.protocol.js';

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
      value: { id: 'r1', texts },
    });
    expect(
      decodeInferRequest({
        inputs: [{ name: 'text', datatype: 'BYTES', shape: [2, 1], data: [['a'], ['b']] }],
      }),
    ).toEqual({ ok: true, value: { id: undefined, texts: ['a', 'b'] } });
  });

  it.each([
    { name: 'no inputs', body: { inputs: [] }, error: /malformed/ },
    {
      name: 'a wrong tensor name',
      body: { inputs: [{ name: 'x', datatype: 'BYTES', shape: [1], data: ['a'] }] },
      error: /named "text"/,
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
    const body = JSON.parse(JSON.stringify(encodeInferResponse(meta, 'r1', sentiments)));
    expect(decodeInferResponse(body, 3)).toEqual({
      modelName: 'vader-sentiment',
      modelVersion: '1.1.3',
      sentiments,
    });
  });

  const response = () =>
    JSON.parse(JSON.stringify(encodeInferResponse(meta, 'r1', sentiments))) as {
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
});
