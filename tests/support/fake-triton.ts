import { createServer } from 'node:http';
import {
  decodeBytesTensor,
  HEADER_LENGTH,
} from '#modules/inference/infrastructure/open-inference/binary-tensors.protocol.js';
import { answeredReadiness, bodyOf, listening, vader } from './fake-inference-server.js';

/**
 * Triton Inference Server with a Python-backend sentiment model whose tensors are not
 * Strata's, for tests where Triton cannot run: input `TEXT` (BYTES), one output `SCORE`
 * (FP32, VADER's compound). As Triton's HTTP endpoint does, it reads every body as JSON
 * whatever its Content-Type, takes binary inputs after `Inference-Header-Content-Length`,
 * answers outputs in binary only when asked (`binary_data`, `binary_data_output`), answers
 * readiness with a status and no body, and errors as `{"error": "…"}` with 400.
 */
export interface FakeTriton {
  readonly url: string;
  ready: boolean;
  /** Content-Type headers of the infer requests received, in order. */
  readonly contentTypes: (string | undefined)[];
  close(): Promise<void>;
}

const MODEL = 'sentiment';

interface TritonRequest {
  id?: string;
  inputs: {
    name: string;
    datatype: string;
    shape: number[];
    data?: unknown[];
    parameters?: { binary_data_size?: number };
  }[];
  outputs?: { name: string; parameters?: { binary_data?: boolean } }[];
  parameters?: { binary_data_output?: boolean };
}

export async function startFakeTriton(): Promise<FakeTriton> {
  const state = { ready: true, contentTypes: [] as (string | undefined)[] };
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const body = await bodyOf(request);
    const fail = (status: number, error: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error }));
    };
    if (answeredReadiness(request.method, path, MODEL, state.ready, response)) {
      return;
    }
    if (request.method === 'GET' && path === '/v2') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ name: 'triton', version: '2.50.0', extensions: ['binary_tensor_data'] }),
      );
      return;
    }
    if (request.method === 'GET' && path === `/v2/models/${MODEL}`) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          name: MODEL,
          versions: ['1'],
          platform: 'python',
          inputs: [{ name: 'TEXT', datatype: 'BYTES', shape: [-1] }],
          outputs: [{ name: 'SCORE', datatype: 'FP32', shape: [-1] }],
        }),
      );
      return;
    }
    if (request.method !== 'POST' || path !== `/v2/models/${MODEL}/infer`) {
      fail(400, `Request for unknown model: '${path}' is not found`);
      return;
    }
    state.contentTypes.push(request.headers['content-type']);
    const headerLength = request.headers[HEADER_LENGTH];
    const jsonEnd = typeof headerLength === 'string' ? Number(headerLength) : body.length;
    let parsed: TritonRequest;
    try {
      parsed = JSON.parse(body.subarray(0, jsonEnd).toString('utf8')) as TritonRequest;
    } catch {
      fail(400, 'failed to parse the request JSON buffer: The document is empty. at 0');
      return;
    }
    const input = parsed.inputs?.find((candidate) => candidate.name === 'TEXT');
    if (!input || parsed.inputs.length !== 1) {
      fail(
        400,
        `[request id: <id_unknown>] expected 1 inputs but got ${parsed.inputs?.length ?? 0} inputs for model '${MODEL}'. Got input(s) [${(parsed.inputs ?? []).map((i) => `'${i.name}'`).join(', ')}], but missing required input(s) ['TEXT']. Please provide all required input(s).`,
      );
      return;
    }
    const size = input.parameters?.binary_data_size;
    const texts =
      size === undefined
        ? ((input.data ?? []).flat(Number.POSITIVE_INFINITY) as string[])
        : decodeBytesTensor(body.subarray(jsonEnd, jsonEnd + size), 'TEXT');
    const scores = texts.map((text) =>
      Math.fround(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound),
    );
    const asked = parsed.outputs?.find((output) => output.name === 'SCORE');
    if (parsed.outputs && (!asked || parsed.outputs.length !== 1)) {
      fail(
        400,
        `unexpected inference output '${parsed.outputs.find((o) => o.name !== 'SCORE')?.name}' for model '${MODEL}'`,
      );
      return;
    }
    const binary = asked?.parameters?.binary_data ?? parsed.parameters?.binary_data_output ?? false;
    const shape = [texts.length];
    const answer = {
      model_name: MODEL,
      model_version: '1',
      ...(parsed.id === undefined ? {} : { id: parsed.id }),
      outputs: [
        binary
          ? {
              name: 'SCORE',
              datatype: 'FP32',
              shape,
              parameters: { binary_data_size: scores.length * 4 },
            }
          : { name: 'SCORE', datatype: 'FP32', shape, data: scores },
      ],
    };
    if (!binary) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
      return;
    }
    const header = Buffer.from(JSON.stringify(answer));
    const data = Buffer.alloc(scores.length * 4);
    scores.forEach((score, index) => {
      data.writeFloatLE(score, index * 4);
    });
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      [HEADER_LENGTH]: String(header.length),
    });
    response.end(Buffer.concat([header, data]));
  });
  return Object.assign(state, await listening(server));
}
