import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  type ModelMetadata,
  ModelUnavailableError,
  type SentimentModel,
} from '#modules/inference/application/index.js';
import { BATCH_MAX, TEXT_MAX } from '#modules/inference/domain/texts.js';
import {
  decodeInferRequest,
  encodeInferResponse,
  encodeModelMetadata,
} from '#modules/inference/infrastructure/open-inference/protocol.js';
import { TEXT_BODY_LIMIT } from './paths.js';

export interface OpenInferenceRouteDependencies {
  /** Asked for on the first request, so a server that never serves /v2 never loads it. */
  readonly model: () => SentimentModel;
  readonly serverName: string;
  readonly serverVersion: string;
}

interface ModelParams {
  readonly name: string;
  readonly version?: string;
}

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
        extensions: [],
      }));
      v2.get('/health/live', async () => ({ live: true }));
      v2.get('/health/ready', async (_request, reply) => {
        const ready = await deps.model().ready();
        return reply.code(ready ? 200 : 503).send({ ready });
      });

      const metadataOf = async (
        params: ModelParams,
        reply: FastifyReply,
      ): Promise<ModelMetadata | null> => {
        const model = deps.model();
        let metadata: ModelMetadata;
        try {
          metadata = await model.metadata();
        } catch (error) {
          if (error instanceof ModelUnavailableError) {
            await protocolError(reply, 503, error.message);
            return null;
          }
          throw error;
        }
        if (params.name !== metadata.name) {
          await protocolError(reply, 404, `Unknown model "${params.name}".`);
          return null;
        }
        if (params.version !== undefined && params.version !== metadata.version) {
          await protocolError(
            reply,
            404,
            `Model "${params.name}" has no version "${params.version}".`,
          );
          return null;
        }
        return metadata;
      };

      for (const path of ['/models/:name', '/models/:name/versions/:version']) {
        v2.get<{ Params: ModelParams }>(path, async (request, reply) => {
          const metadata = await metadataOf(request.params, reply);
          return metadata ? encodeModelMetadata(metadata) : reply;
        });
        v2.get<{ Params: ModelParams }>(`${path}/ready`, async (request, reply) => {
          const model = deps.model();
          // A model that cannot describe itself is not ready: say so in the readiness shape,
          // so a probe reads "not ready" rather than an error.
          if (request.params.name === model.name && !(await model.ready())) {
            return reply.code(503).send({ name: model.name, ready: false });
          }
          const metadata = await metadataOf(request.params, reply);
          if (!metadata) {
            return reply;
          }
          return { name: metadata.name, ready: true };
        });
        v2.post<{ Params: ModelParams }>(
          `${path}/infer`,
          { bodyLimit: TEXT_BODY_LIMIT },
          async (request, reply) => {
            const metadata = await metadataOf(request.params, reply);
            if (!metadata) {
              return reply;
            }
            const decoded = decodeInferRequest(request.body);
            if (!decoded.ok) {
              return protocolError(reply, 400, decoded.error);
            }
            const { texts } = decoded.value;
            const limit = Math.min(metadata.maxBatchSize, BATCH_MAX);
            if (texts.length < 1 || texts.length > limit) {
              return protocolError(reply, 400, `Send 1 to ${limit} texts.`);
            }
            const tooLong = texts.findIndex((text) => [...text].length > TEXT_MAX);
            if (tooLong >= 0) {
              return protocolError(
                reply,
                400,
                `Text ${tooLong} is longer than ${TEXT_MAX} characters.`,
              );
            }
            try {
              const sentiments = await deps.model().predict(texts);
              return encodeInferResponse(metadata, decoded.value.id ?? randomUUID(), sentiments);
            } catch (error) {
              if (error instanceof ModelUnavailableError) {
                return protocolError(reply, 503, error.message);
              }
              throw error;
            }
          },
        );
      }
    },
    { prefix: '/v2' },
  );
}

function protocolError(reply: FastifyReply, status: number, error: string) {
  return reply.code(status).send({ error });
}
