import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { type Client, type ClientOptions, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** The WebSocket address of a server's GraphQL path (prefix included in `baseUrl`). */
const liveUrl = (baseUrl: string): string => `${baseUrl.replace(/^http/, 'ws')}/graphql`;

/**
 * graphql-ws's own client, as a browser app or Node service uses it, over the `ws` package.
 * No retries unless asked for, so a test sees every close.
 */
export function liveClient(
  baseUrl: string,
  token: string | null,
  options: Partial<ClientOptions> = {},
): Client {
  return createClient({
    url: liveUrl(baseUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

export interface Followed<TData> {
  /** Every result received so far, in order. */
  readonly results: ExecutionResult<TData>[];
  /** The data of results without errors. */
  readonly data: () => TData[];
  /** Settles when the server completes the operation or the connection fails (the error). */
  readonly ended: Promise<unknown>;
  /** Resolves when at least `count` results have arrived. */
  received(count: number, timeoutMs?: number): Promise<ExecutionResult<TData>[]>;
  stop(): void;
}

/** Subscribes and collects what arrives. */
export function follow<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Followed<TData> {
  const results: ExecutionResult<TData>[] = [];
  const waiters: (() => void)[] = [];
  let finish: (value: unknown) => void = () => {};
  const ended = new Promise<unknown>((resolve) => {
    finish = resolve;
  });
  const notify = () => {
    for (const waiter of waiters.splice(0)) {
      waiter();
    }
  };
  const stop = client.subscribe<TData>(
    { query: print(document), variables },
    {
      next: (result) => {
        results.push(result as ExecutionResult<TData>);
        notify();
      },
      error: (error) => {
        // An `error` message (the operation refused) carries GraphQL errors; a close does not.
        if (Array.isArray(error)) {
          results.push({ errors: error } as ExecutionResult<TData>);
        }
        finish(error);
        notify();
      },
      complete: () => {
        finish(null);
        notify();
      },
    },
  );
  return {
    results,
    data: () => results.filter((result) => !result.errors).map((result) => result.data as TData),
    ended,
    stop,
    async received(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `expected ${count} results within ${timeoutMs} ms, got ${results.length}`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results;
    },
  };
}

export interface RawConnection {
  readonly socket: WebSocket;
  /** Every message the server sent, parsed. */
  readonly messages: { type: string; id?: string; payload?: unknown }[];
  /** Resolves with the connection_ack, or rejects with the close that came instead. */
  readonly acknowledged: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown>): void;
  /** Resolves with the first message of `type` for `id` (any id when omitted). */
  message(type: string, id?: string): Promise<{ type: string; id?: string; payload?: unknown }>;
}

/** The protocol by hand, to see exactly what the server sends and how it closes. */
export function rawConnection(
  baseUrl: string,
  initPayload: Record<string, unknown> | null,
): RawConnection {
  const socket = new WebSocket(liveUrl(baseUrl), 'graphql-transport-ws');
  const messages: RawConnection['messages'] = [];
  const listeners = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const listener of listeners) {
        listener();
      }
    });
  });
  socket.on('error', () => {});
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const listener of listeners) {
      listener();
    }
  });
  socket.on('open', () => {
    socket.send(
      JSON.stringify(
        initPayload
          ? { type: 'connection_init', payload: initPayload }
          : { type: 'connection_init' },
      ),
    );
  });
  const message: RawConnection['message'] = (type, id) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.find(
          (entry) => entry.type === type && (id === undefined || entry.id === id),
        );
        if (found) {
          listeners.delete(check);
          resolve(found);
        } else if (socket.readyState === socket.CLOSED) {
          listeners.delete(check);
          reject(new Error(`closed before a ${type} message`));
        }
      };
      listeners.add(check);
      check();
    });
  const acknowledged = Promise.race([
    message('connection_ack').then(() => undefined),
    closed.then((close) => {
      if (!messages.some((entry) => entry.type === 'connection_ack')) {
        throw Object.assign(new Error(`closed ${close.code}: ${close.reason}`), close);
      }
    }),
  ]);
  acknowledged.catch(() => {});
  return {
    socket,
    messages,
    acknowledged,
    closed,
    send: (payload) => socket.send(JSON.stringify(payload)),
    message,
  };
}
