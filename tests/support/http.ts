import { connect } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphQLResponse<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: TData | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
}

/** Sends a typed operation over real HTTP, the way a frontend's client would. */
export async function graphql<TData, TVariables>(
  baseUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  return postGraphQL<TData>(baseUrl, { query: print(document), variables }, headers);
}

/** Sends a raw GraphQL request body, for requests no generated document describes. */
export async function postGraphQL<TData = unknown>(
  baseUrl: string,
  body: { query: string; variables?: unknown; operationName?: string },
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as never,
  };
}

/** The error shape every REST route answers with. */
export interface RestErrorBody {
  error: { code: string; field: string | null; message: string; requestId: string };
}

/** The JSON of a REST response, typed as the route documents it. */
export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * Whether the server behind `baseUrl` still accepts new TCP connections: false once it has
 * stopped listening, which is the first thing a graceful shutdown does.
 */
export async function acceptsConnections(baseUrl: string): Promise<boolean> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
