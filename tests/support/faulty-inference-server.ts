import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeInferRequest,
  encodeInferResponse,
  encodeModelMetadata,
} from '#modules/inference/infrastructure/open-inference/open-inference.protocol.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';

type FaultMode = 'ok' | 'slow' | 'error500' | 'reset' | 'malformed' | 'wrong-length' | 'unready';

/**
 * Just enough of an Open Inference Protocol server to misbehave on demand: it answers like
 * Strata serving the scripted model in `ok` mode, and fails in the chosen way otherwise.
 * `requests` counts what reached it, so tests can tell retries from a circuit held open.
 */
export interface FaultyInferenceServer {
  readonly url: string;
  mode: FaultMode;
  /** How many more requests get `mode`; later ones are answered as in `ok`. */
  faultsLeft: number;
  /** How long `slow` waits before answering. */
  delayMs: number;
  requests: number;
  readonly model: ScriptedSentimentModel;
  close(): Promise<void>;
}

export async function startFaultyInferenceServer(): Promise<FaultyInferenceServer> {
  const model = new ScriptedSentimentModel();
  const state = {
    mode: 'ok' as FaultMode,
    faultsLeft: Number.POSITIVE_INFINITY,
    delayMs: 2_000,
    requests: 0,
  };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    // Decided on arrival, so a test can let exactly n requests fail before the server heals.
    const mode = state.faultsLeft > 0 ? state.mode : 'ok';
    if (mode !== 'ok') {
      state.faultsLeft -= 1;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void answer(request.method ?? 'GET', request.url ?? '/', Buffer.concat(chunks).toString());
    });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const answer = async (method: string, url: string, body: string) => {
      switch (mode) {
        case 'reset':
          request.socket.destroy();
          return;
        case 'error500':
          send(500, { error: 'the model crashed' });
          return;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, state.delayMs));
          break;
        case 'malformed':
          send(200, '{"model_name": "scripted", "outputs": [');
          return;
        default:
          break;
      }
      if (response.destroyed) {
        return;
      }
      const meta = await model.metadata();
      if (method === 'GET' && url === '/v2/models/scripted') {
        send(200, encodeModelMetadata(meta));
      } else if (method === 'GET' && url === '/v2/models/scripted/ready') {
        const ready = mode !== 'unready';
        send(ready ? 200 : 503, { name: 'scripted', ready });
      } else if (method === 'POST' && url === '/v2/models/scripted/infer') {
        const decoded = decodeInferRequest(JSON.parse(body));
        if (!decoded.ok) {
          send(400, { error: decoded.error });
          return;
        }
        const sentiments = await model.predict(decoded.value.texts);
        const encoded = encodeInferResponse(meta, decoded.value.id, sentiments).header;
        if (mode === 'wrong-length') {
          for (const output of encoded.outputs) {
            (output.data as unknown[]).pop();
          }
        }
        send(200, encoded);
      } else {
        send(404, { error: `no route ${method} ${url}` });
      }
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    model,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
