import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AuthenticateHandler, SESSIONS_REVOKED } from '#modules/identity/application/index.js';
import type { MaintenanceMonitor } from '#modules/operations/application/index.js';
import {
  MAINTENANCE_RETRY_AFTER_SECONDS,
  refusedInMaintenance,
} from '#modules/operations/graphql/index.js';
import type { EventStream } from '#shared/application/event-stream.js';
import type { Viewer } from '#shared/application/viewer.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { ErrorCode, maintenance } from '#shared/graphql/errors.js';
import { errorFormatter } from '#shared/graphql/format-error.js';
import type { RequestLimits, WebSocketLimits } from '#shared/infrastructure/config/config.js';
import type { Logger } from '#shared/infrastructure/logger.js';
import type { LoadersFactory } from '../context.js';
import { resolveViewer } from './graphql-credentials.js';
import { limitRules } from './request-limits.js';

/** The close codes Strata uses besides graphql-ws's own (docs/subscriptions.md). */
const LiveCloseCode = {
  /** Shutting down: reconnect (to another replica) and resume with `after`. */
  GoingAway: 1001,
  /** The user (or, signed out, the address) has as many connections as allowed: not retried. */
  TooManyConnections: 1008,
  /** The client read too slowly and its unsent events passed the limit: reconnect and resume. */
  SlowConsumer: 1013,
  /** Bad, expired or revoked credentials: reconnect with a fresh access token. */
  Forbidden: CloseCode.Forbidden,
} as const;

export interface SubscriptionServerOptions {
  /** The GraphQL path, prefix included: WebSocket upgrades are accepted there only. */
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly authenticate: AuthenticateHandler;
  readonly events: EventStream;
  readonly monitor: MaintenanceMonitor;
  readonly createLoaders: LoadersFactory;
  readonly limits: WebSocketLimits;
  readonly requestLimits: RequestLimits;
  readonly trustProxy: string | false;
  readonly hideSchemaDetails: boolean;
  readonly logger: Logger;
  readonly registry: Registry;
}

export interface SubscriptionServer {
  /** Refuses new connections and closes open ones with 1001, so clients go elsewhere. */
  close(): Promise<void>;
}

/** One client's connection, from its connection_init on. */
interface Connection {
  readonly id: string;
  readonly socket: WebSocket;
  readonly address: string;
  /** Whom the connection counts against: the user, or the address when anonymous. */
  readonly key: string;
  readonly viewer: Viewer | null;
  readonly token: string | null;
  readonly subscriptions: Set<string>;
  expiry: NodeJS.Timeout | null;
  unwatch: (() => void) | null;
}

interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  readonly address: string;
  connection?: Connection;
}

interface Usage {
  connections: number;
  subscriptions: number;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on the GraphQL path (ADR 31): the access
 * token in connection_init, limits per connection and per user, a bounded send buffer per
 * socket, pings, and a connection closed when its token expires or its session is revoked.
 * Only subscriptions run here; queries and mutations stay on HTTP with Apollo's pipeline.
 */
export function attachSubscriptionServer(
  http: FastifyInstance,
  options: SubscriptionServerOptions,
): SubscriptionServer {
  const { limits, logger } = options;
  const format = errorFormatter({ hideSchemaDetails: options.hideSchemaDetails });
  const rules = [...specifiedRules, ...limitRules(options.requestLimits)];
  const trust = options.trustProxy
    ? proxyAddr.compile(options.trustProxy.split(',').map((value) => value.trim()))
    : null;
  const usage = new Map<string, Usage>();
  const metrics = liveMetrics(options.registry);
  let closing = false;

  const usageOf = (key: string): Usage => {
    let found = usage.get(key);
    if (!found) {
      found = { connections: 0, subscriptions: 0 };
      usage.set(key, found);
    }
    return found;
  };
  const forget = (key: string, found: Usage) => {
    if (found.connections === 0 && found.subscriptions === 0) {
      usage.delete(key);
    }
  };

  const closeSocket = (socket: WebSocket, code: number, reason: string) => {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      socket.close(code, reason);
    }
  };
  const slowConsumer = (socket: WebSocket) => {
    if (socket.readyState !== socket.OPEN) {
      return;
    }
    logger.warn({ bufferedBytes: socket.bufferedAmount }, 'slow subscriber cut off');
    metrics.slowConsumers.inc();
    closeSocket(
      socket,
      LiveCloseCode.SlowConsumer,
      'Slow consumer: reconnect and resume with after',
    );
  };

  const release = (connection: Connection, id: string) => {
    if (connection.subscriptions.delete(id)) {
      const found = usageOf(connection.key);
      found.subscriptions -= 1;
      forget(connection.key, found);
      metrics.subscriptions.dec();
    }
  };

  const end = (connection: Connection) => {
    for (const id of [...connection.subscriptions]) {
      release(connection, id);
    }
    if (connection.expiry) {
      clearTimeout(connection.expiry);
    }
    connection.unwatch?.();
    const found = usageOf(connection.key);
    found.connections -= 1;
    forget(connection.key, found);
  };

  const contextFor = (connection: Connection, id: string, operationName: string | null) => {
    let loaders = options.createLoaders(connection.viewer, null);
    const context: GraphQLContext = {
      requestId: `${connection.id}/${id}`,
      clientAddress: connection.address,
      viewer: connection.viewer,
      credentialsProblem: null,
      provenUserIds: new Set(),
      get loaders() {
        return loaders;
      },
      trace: { operationName },
      live: {
        bounds: {
          maxBuffered: limits.bufferedEvents,
          onOverflow: () => slowConsumer(connection.socket),
        },
        renewLoaders() {
          loaders = options.createLoaders(connection.viewer, null);
        },
      },
    };
    return context;
  };

  /** As HTTP answers shape them, with the subscription's request id (connection/operation). */
  const formatted = (errors: readonly GraphQLError[], requestId: string) =>
    errors.map((error) => {
      const shaped = format(error.toJSON(), error);
      if (shaped.extensions?.code === ErrorCode.InternalServerError) {
        logger.error({ err: error.originalError ?? error, requestId }, 'subscription failed');
      }
      return { ...shaped, extensions: { ...shaped.extensions, requestId } };
    });
  const requestIdOf = (ctx: { extra: Extra }, id: string) =>
    `${ctx.extra.connection?.id ?? 'unacknowledged'}/${id}`;

  const server = makeServer<Record<string, unknown> | undefined, Extra>({
    schema: options.schema,
    async onConnect(ctx) {
      const { socket, address } = ctx.extra;
      const header = authorizationOf(ctx.connectionParams);
      const credentials = await resolveViewer(header ?? undefined, options.authenticate);
      if (socket.readyState !== socket.OPEN) {
        // Gone while its token was checked: nothing to count, nothing to watch.
        return false;
      }
      if (credentials.problem) {
        closeSocket(socket, LiveCloseCode.Forbidden, `Forbidden: ${credentials.problem}`);
        return false;
      }
      const viewer = credentials.viewer;
      const key = viewer ? `user:${viewer.userId}` : `address:${address}`;
      const found = usageOf(key);
      const allowed = viewer ? limits.connectionsPerUser : limits.connectionsPerAddress;
      if (found.connections >= allowed) {
        closeSocket(
          socket,
          LiveCloseCode.TooManyConnections,
          `Too many connections: at most ${allowed} at once`,
        );
        return false;
      }
      found.connections += 1;
      const connection: Connection = {
        id: randomUUID(),
        socket,
        address,
        key,
        viewer,
        token: header ? (header.trim().split(/\s+/)[1] ?? null) : null,
        subscriptions: new Set(),
        expiry: null,
        unwatch: null,
      };
      ctx.extra.connection = connection;
      if (credentials.expiresAt) {
        watchCredentials(connection, credentials.expiresAt);
      }
      return true;
    },
    async onSubscribe(ctx, id, payload) {
      const connection = ctx.extra.connection;
      if (!connection) {
        return [new GraphQLError('The connection is not initialised.')];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: options.requestLimits.tokens });
      } catch (error) {
        return [coded(error, 'GRAPHQL_PARSE_FAILED')];
      }
      const operationName = payload.operationName ?? null;
      const operation = getOperationAST(document, operationName);
      if (!operation) {
        return [
          new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_REQUEST' } }),
        ];
      }
      if (operation.operation !== 'subscription') {
        return [
          new GraphQLError(
            'Only subscriptions run over WebSocket: send queries and mutations over HTTP.',
            { extensions: { code: 'BAD_REQUEST' } },
          ),
        ];
      }
      const invalid = validate(options.schema, document, rules, { maxErrors: 10 });
      if (invalid.length > 0) {
        return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
      }
      if (refusedInMaintenance(options.monitor, operation, document, options.schema)) {
        return [maintenance(MAINTENANCE_RETRY_AFTER_SECONDS)];
      }
      const found = usageOf(connection.key);
      if (connection.subscriptions.size >= limits.subscriptionsPerConnection) {
        return [
          tooMany(
            `at most ${limits.subscriptionsPerConnection} on one connection`,
            limits.subscriptionsPerConnection,
          ),
        ];
      }
      if (found.subscriptions >= limits.subscriptionsPerUser) {
        return [
          tooMany(`at most ${limits.subscriptionsPerUser} per user`, limits.subscriptionsPerUser),
        ];
      }
      connection.subscriptions.add(id);
      found.subscriptions += 1;
      metrics.subscriptions.inc();
      const args: ExecutionArgs = {
        schema: options.schema,
        document,
        operationName,
        variableValues: payload.variables ?? null,
        contextValue: contextFor(connection, id, operationName),
      };
      return args;
    },
    onNext(ctx, id, _payload, _args, result) {
      if (!result.errors) {
        return;
      }
      return {
        ...result,
        errors: formatted(result.errors as GraphQLError[], requestIdOf(ctx, id)),
      };
    },
    onError(ctx, id, _payload, errors) {
      return formatted(errors, requestIdOf(ctx, id)) as GraphQLFormattedError[];
    },
    onComplete(ctx, id) {
      const connection = ctx.extra.connection;
      if (connection) {
        release(connection, id);
      }
    },
    onClose(ctx) {
      const connection = ctx.extra.connection;
      if (connection) {
        end(connection);
      }
    },
  });

  /** Closes the connection when its access token expires or its session is revoked. */
  function watchCredentials(connection: Connection, expiresAt: Date) {
    const viewer = connection.viewer;
    const token = connection.token;
    if (!viewer || !token) {
      return;
    }
    const forbid = (reason: string) =>
      closeSocket(connection.socket, LiveCloseCode.Forbidden, `Forbidden: ${reason}`);
    // setTimeout holds at most 2^31-1 ms; tokens live far less (ACCESS_TOKEN_TTL_SECONDS).
    const left = Math.max(0, expiresAt.getTime() - Date.now());
    connection.expiry = setTimeout(
      () => forbid('the access token expired'),
      Math.min(left, 2 ** 31 - 1),
    );
    connection.expiry.unref();
    connection.unwatch = options.events.watch(viewer.userId, new Set([SESSIONS_REVOKED]), () => {
      options.authenticate.execute({ accessToken: token }).then(
        (current) => {
          if (!current) {
            forbid('the session has ended');
          }
        },
        (error: unknown) =>
          logger.warn({ err: error, connectionId: connection.id }, 'could not check a session'),
      );
    });
  }

  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols,
    maxPayload: options.requestLimits.anonymousBodyBytes,
    clientTracking: true,
  });

  sockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    metrics.connections.inc();
    const address = (trust ? proxyAddr(request, trust) : request.socket.remoteAddress) ?? 'unknown';
    const extra: Extra = { socket, request, address };
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, limits.pingIntervalMs);
    ping.unref();
    socket.on('error', (error) => {
      logger.warn({ err: error }, 'websocket error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) {
            return;
          }
          if (socket.bufferedAmount + Buffer.byteLength(data) > limits.bufferedBytes) {
            slowConsumer(socket);
            return;
          }
          socket.send(data);
        },
        close: (code, reason) => closeSocket(socket, code ?? 1000, reason ?? ''),
        onMessage: (handle) => {
          socket.on('message', (data: Buffer, binary: boolean) => {
            if (binary) {
              closeSocket(socket, CloseCode.BadRequest, 'Send text messages');
              return;
            }
            handle(data.toString()).catch((error: unknown) => {
              logger.error({ err: error }, 'websocket message failed');
              closeSocket(socket, CloseCode.InternalServerError, 'Internal server error');
            });
          });
        },
      },
      extra,
    );
    socket.once('close', (code: number, reason: Buffer) => {
      clearInterval(ping);
      metrics.connections.dec();
      metrics.closes.inc({ code: String(code) });
      void closed(code, reason.toString());
    });
  });

  http.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== options.path && path !== `${options.path}/`) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      sockets.emit('connection', ws, request);
    });
  });

  return {
    async close() {
      closing = true;
      const open = [...sockets.clients];
      for (const socket of open) {
        closeSocket(
          socket,
          LiveCloseCode.GoingAway,
          'Server shutting down: reconnect and resume with after',
        );
      }
      // Wait for the closing handshakes, briefly: a client that does not answer is cut.
      await Promise.race([
        Promise.all(
          open.map(
            (socket) =>
              new Promise<void>((resolve) => {
                if (socket.readyState === socket.CLOSED) {
                  resolve();
                } else {
                  socket.once('close', () => resolve());
                }
              }),
          ),
        ),
        new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
      ]);
      for (const socket of sockets.clients) {
        socket.terminate();
      }
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

/** `Authorization` from connection_init's payload, whatever the case of its key. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  if (!params) {
    return null;
  }
  for (const [name, value] of Object.entries(params)) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') {
      return value;
    }
  }
  return null;
}

function coded(error: unknown, code: string): GraphQLError {
  if (error instanceof GraphQLError) {
    return error.extensions.code
      ? error
      : new GraphQLError(error.message, {
          nodes: error.nodes ?? null,
          source: error.source ?? null,
          positions: error.positions ?? null,
          extensions: { ...error.extensions, code },
        });
  }
  return new GraphQLError(String(error), { extensions: { code } });
}

function tooMany(what: string, limit: number): GraphQLError {
  return new GraphQLError(`Too many subscriptions: ${what}.`, {
    extensions: { code: ErrorCode.TooManySubscriptions, limit },
  });
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function liveMetrics(registry: Registry) {
  return {
    connections: new Gauge({
      name: 'strata_websocket_connections',
      help: 'Open WebSocket connections (GraphQL subscriptions).',
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'strata_subscriptions_active',
      help: 'GraphQL subscriptions running on this process.',
      registers: [registry],
    }),
    slowConsumers: new Counter({
      name: 'strata_websocket_slow_consumers_total',
      help: 'Connections closed (1013) for reading too slowly, counted when the close is decided.',
      registers: [registry],
    }),
    closes: new Counter({
      name: 'strata_websocket_closes_total',
      help: 'WebSocket connections closed, by close code.',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}
