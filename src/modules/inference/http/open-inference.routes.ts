import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { DomainError } from '#shared/domain/domain-error.js';
import { hasBearer } from '#shared/http/bearer-token.js';
import { TEXT_BODY_LIMIT } from '#shared/http/body-limits.js';
import type {
  CheckModelCapacityHandler,
  CheckModelReadinessHandler,
  DescribeModelHandler,
  ScoreTextsHandler,
} from '../application/index.js';
import { InferenceErrorCode } from '../application/index.js';
import {
  BINARY_EXTENSION,
  BinaryTensorError,
  HEADER_LENGTH,
  splitBody,
} from '../infrastructure/open-inference/binary-tensors.protocol.js';
import {
  decodeInferRequest,
  encodeInferResponse,
  encodeModelMetadata,
} from '../infrastructure/open-inference/open-inference.protocol.js';

export interface OpenInferenceRouteDependencies {
  /** The bearer token every /v2 request must carry; none when unset. */
  readonly token: string | undefined;
  readonly serverName: string;
  readonly serverVersion: string;
  /** Asked for on the first request, so a server that never serves /v2 never loads them. */
  readonly describeModel: () => DescribeModelHandler;
  readonly checkReadiness: () => CheckModelReadinessHandler;
  readonly checkCapacity: () => CheckModelCapacityHandler;
  readonly scoreTexts: () => ScoreTextsHandler;
}

interface ModelParams {
  readonly name: string;
  readonly version?: string;
}

/** The protocol's status for each way a use case can refuse. */
const STATUS: Readonly<Record<string, number>> = {
  [InferenceErrorCode.ModelNotFound]: 404,
  [InferenceErrorCode.InferenceUnavailable]: 503,
};

/**
 * Strata's model over the Open Inference Protocol v2 (REST), so one Strata can be another's
 * remote inference tier. Errors answer the protocol's `{ "error": "…" }` bodies.
 */
export async function registerOpenInferenceRoutes(
  app: FastifyInstance,
  deps: OpenInferenceRouteDependencies,
): Promise<void> {
  await app.register(
    async (v2) => {
      const { token } = deps;
      // Bodies are read as bytes whatever their Content-Type, or without one: Triton reads
      // them as JSON, its clients send none, and a binary tensor body is JSON then bytes.
      v2.removeAllContentTypeParsers();
      v2.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
        done(null, body);
      });
      if (token) {
        v2.addHook('onRequest', async (request, reply) => {
          if (!hasBearer(request, token)) {
            void reply.header('www-authenticate', 'Bearer realm="strata-inference"');
            return protocolError(
              reply,
              401,
              'This server needs Authorization: Bearer <INFERENCE_SERVE_TOKEN>.',
            );
          }
        });
      }
      v2.setNotFoundHandler((request, reply) =>
        protocolError(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}.`),
      );
      v2.setErrorHandler((error: FastifyError, request, reply) => {
        const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
        if (status === 500) {
          request.log.error({ err: error }, 'unexpected error in an inference route');
        }
        return protocolError(
          reply,
          status,
          status === 500 ? 'Internal server error' : error.message,
        );
      });

      v2.get('/', async () => ({
        name: deps.serverName,
        version: deps.serverVersion,
        extensions: [BINARY_EXTENSION],
      }));
      v2.get('/health/live', async () => ({ live: true }));
      v2.get('/health/ready', async (_request, reply) => {
        const readiness = await deps.checkReadiness().execute({});
        const ready = readiness.ok && readiness.value.ready;
        return reply.code(ready ? 200 : 503).send({ ready });
      });

      for (const path of ['/models/:name', '/models/:name/versions/:version']) {
        v2.get<{ Params: ModelParams }>(path, async (request, reply) => {
          const metadata = await deps.describeModel().execute(request.params);
          return metadata.ok ? encodeModelMetadata(metadata.value) : refuse(reply, metadata.error);
        });
        v2.get<{ Params: ModelParams }>(`${path}/ready`, async (request, reply) => {
          const readiness = await deps.checkReadiness().execute(request.params);
          if (!readiness.ok) {
            return refuse(reply, readiness.error);
          }
          // A model that cannot score is reported in the readiness shape, not as an error.
          return reply.code(readiness.value.ready ? 200 : 503).send(readiness.value);
        });
        v2.post<{ Params: ModelParams }>(
          `${path}/infer`,
          {
            bodyLimit: TEXT_BODY_LIMIT,
            // A busy model refuses before the body is read: a flood costs no parsing.
            onRequest: async (request, reply) => {
              const declared = Number(request.headers['content-length'] ?? 0);
              const capacity = deps.checkCapacity().execute({ characters: declared || 0 });
              if (!capacity.ok) {
                return refuse(reply, capacity.error);
              }
            },
          },
          async (request, reply) => {
            const metadata = await deps.describeModel().execute(request.params);
            if (!metadata.ok) {
              return refuse(reply, metadata.error);
            }
            const read = readInferBody(request.body, request.headers[HEADER_LENGTH]);
            if (!read.ok) {
              return protocolError(reply, 400, read.error);
            }
            const decoded = decodeInferRequest(read.header, read.tensors);
            if (!decoded.ok) {
              return protocolError(reply, 400, decoded.error);
            }
            const { id, texts, outputs } = decoded.value;
            const scored = await deps.scoreTexts().execute({ model: metadata.value, texts });
            if (!scored.ok) {
              return refuse(reply, scored.error);
            }
            const answer = encodeInferResponse(metadata.value, id, scored.value, outputs);
            if (!answer.binary) {
              return answer.header;
            }
            const header = Buffer.from(JSON.stringify(answer.header));
            return reply
              .header(HEADER_LENGTH, String(header.length))
              .type('application/octet-stream')
              .send(Buffer.concat([header, answer.binary]));
          },
        );
      }
    },
    { prefix: '/v2' },
  );
}

/** An infer body: its JSON header parsed, and the binary tensor bytes after it (if any). */
function readInferBody(
  body: unknown,
  headerLength: string | string[] | undefined,
): { ok: true; header: unknown; tensors: Buffer } | { ok: false; error: string } {
  if (!Buffer.isBuffer(body)) {
    return { ok: false, error: 'malformed inference request: the body is empty' };
  }
  try {
    const length = Array.isArray(headerLength) ? headerLength[0] : headerLength;
    const { header, tensors } = splitBody(body, length);
    return { ok: true, header: JSON.parse(header) as unknown, tensors };
  } catch (error) {
    if (error instanceof BinaryTensorError) {
      return { ok: false, error: error.message };
    }
    return { ok: false, error: 'malformed inference request: the header is not JSON' };
  }
}

function refuse(reply: FastifyReply, error: DomainError) {
  if (typeof error.details.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(error.details.retryAfterSeconds));
  }
  return protocolError(reply, STATUS[error.code] ?? 400, error.message);
}

function protocolError(reply: FastifyReply, status: number, error: string) {
  return reply.code(status).send({ error });
}
