import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { answeredReadiness, bodyOf, listening, vader } from './fake-inference-server.js';

/**
 * MLServer (Seldon) serving VADER through a custom runtime that returns the compound score
 * alone, for tests where MLServer cannot run (no PyPI here). It answers as MLServer's REST
 * server does (mlserver/rest/endpoints.py, types/dataplane.py):
 * - readiness (`/v2/health/ready`, `/v2/models/{m}/ready`) is a status with an empty body:
 *   200 when ready, 400 when not;
 * - model metadata lists `versions: []` (MLServer has none to list) and no outputs; each
 *   infer answer carries the model settings' version in `model_version`, and an `id`;
 * - outputs are `[n, 1]`-shaped FP64 `compound`, with `parameters.content_type`;
 * - a body that fails validation is FastAPI's 422 `{"detail": [...]}`, echoing the input;
 *   a runtime error is `{"error": "…"}` with 500.
 */
export interface FakeMlServer {
  readonly url: string;
  /** The model settings' version, sent with every answer. */
  version: string;
  ready: boolean;
  /** Answer every infer with a validation error, as for a body MLServer cannot read. */
  rejectInfer: boolean;
  /** Requests received, by method and path. */
  readonly requests: Map<string, number>;
  close(): Promise<void>;
}

const MODEL = 'vader';

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startFakeMlServer(): Promise<FakeMlServer> {
  const requests = new Map<string, number>();
  const state = { version: 'v0.1.0', ready: true, rejectInfer: false, requests };
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const key = `${request.method} ${path}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const body = (await bodyOf(request)).toString('utf8');
    if (answeredReadiness(request.method, path, MODEL, state.ready, response)) {
      return;
    }
    if (request.method === 'GET' && path === `/v2/models/${MODEL}`) {
      json(response, 200, {
        name: MODEL,
        versions: [],
        platform: '',
        inputs: [
          { name: 'text', datatype: 'BYTES', shape: [-1], parameters: { content_type: 'str' } },
        ],
        outputs: [],
        parameters: { content_type: 'np' },
      });
      return;
    }
    if (request.method === 'POST' && path === `/v2/models/${MODEL}/infer`) {
      let payload: { id?: string; inputs?: { name: string; data: unknown[] }[] };
      try {
        payload = JSON.parse(body) as typeof payload;
      } catch {
        json(response, 422, {
          detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }],
        });
        return;
      }
      if (state.rejectInfer || !Array.isArray(payload.inputs)) {
        json(response, 422, {
          detail: [
            { type: 'missing', loc: ['body', 'inputs'], msg: 'Field required', input: payload },
          ],
        });
        return;
      }
      const input = payload.inputs.find((candidate) => candidate.name === 'text');
      if (!input) {
        json(response, 500, { error: 'VaderRuntime: no input named "text"' });
        return;
      }
      const texts = input.data.flat(Number.POSITIVE_INFINITY) as string[];
      const compound = texts.map(
        (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
      );
      json(response, 200, {
        model_name: MODEL,
        model_version: state.version,
        id: payload.id ?? randomUUID(),
        parameters: {},
        outputs: [
          {
            name: 'compound',
            shape: [texts.length, 1],
            datatype: 'FP64',
            parameters: { content_type: 'np' },
            data: compound,
          },
        ],
      });
      return;
    }
    json(response, 404, { detail: 'Not Found' });
  });
  return Object.assign(state, await listening(server));
}
