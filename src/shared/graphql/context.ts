import type { FollowBounds } from '../application/event-stream.js';
import type { Viewer } from '../application/viewer.js';

/**
 * Per-request DataLoaders. Each module adds its own loaders to this interface (declaration
 * merging) and a factory for them; app/context.ts builds a fresh set for every request.
 */
// biome-ignore lint/suspicious/noEmptyInterface: modules extend it by declaration merging
export interface RequestLoaders {}

/** Facts about the request that outlive GraphQL execution (access log, metrics, spans). */
export interface RequestTrace {
  operationName: string | null;
  /** query, mutation or subscription, once the operation is known. */
  operationType?: string;
  /** The operation's cost under the request limits' model, once weighed. */
  cost?: number;
}

export interface GraphQLContext {
  readonly requestId: string;
  /** The client's address (behind TRUST_PROXY, the one its proxies forwarded). */
  readonly clientAddress: string;
  /** Resolved once per request from the bearer token; null when anonymous. */
  readonly viewer: Viewer | null;
  /** Why credentials that were sent were not accepted (expired, forged, signed out). */
  readonly credentialsProblem: string | null;
  /** Users who proved who they are during this request (signed up, signed in, refreshed). */
  readonly provenUserIds: Set<string>;
  readonly loaders: RequestLoaders;
  readonly trace: RequestTrace;
  /** Set for subscriptions over WebSocket: the connection they run on. */
  readonly live?: LiveConnection;
}

/** The connection a subscription runs on, in its context (absent on HTTP requests). */
interface LiveConnection {
  /** How far behind a subscription may fall before its connection is closed. */
  readonly bounds: FollowBounds;
  /** Starts fresh loaders for the next event: a loader's cache must not outlive one. */
  renewLoaders(): void;
}
