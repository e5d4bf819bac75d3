import {
  ServiceContextChangedDocument,
  type ServiceContextChangedSubscription,
  TodoEventsDocument,
  type TodoEventsSubscription,
} from '@strata/operations';
import { type Client, createClient } from 'graphql-ws';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { stringifyDocument } from 'urql';
import { strataUrl } from './config.ts';

export type TodoEvent = TodoEventsSubscription['todoEvents'];

/** The client in use, whose connection the indicator shows; a replaced one's last close does not count. */
let shown: Client | null = null;

/** Puts `client` in use (the indicator follows it); returns the way to close it. */
export function activateLiveClient(client: Client): () => void {
  shown = client;
  status.set('connecting');
  return () => {
    void client.dispose();
  };
}

/**
 * Strata's subscriptions: graphql-ws on the GraphQL URL (ws:// or wss://). Every close is
 * taken as temporary and retried with graphql-ws's backoff: a replica going away (1001), a
 * slow reader cut off (1013), an expired token (4403, then `accessToken` is asked again).
 */
export function createLiveClient(accessToken: () => Promise<string | null>): Client {
  const client = createClient({
    url: () => strataUrl().replace(/^http/, 'ws'),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    connectionParams: async () => {
      const token = await accessToken();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
  });
  client.on('connected', () => client === shown && status.set('live'));
  client.on('closed', () => client === shown && status.set('reconnecting'));
  return client;
}

/**
 * Follows the viewer's todo changes. graphql-ws sends the same payload object again on
 * every reconnect, reading it then: keeping the last cursor in its `after` makes each
 * resubscription resume right after the last event received, on whichever replica answers.
 * A cursor too old to resume from (CURSOR_EXPIRED) starts over from now, after `onReset`.
 */
export function followTodoEvents(
  client: Client,
  onEvent: (event: TodoEvent) => void,
  onReset: () => void,
): () => void {
  const payload = {
    query: stringifyDocument(TodoEventsDocument),
    variables: { after: null as string | null },
  };
  let stop = () => {};
  let stopped = false;
  const start = () => {
    stop = client.subscribe<TodoEventsSubscription>(payload, {
      next({ data, errors }) {
        if (data) {
          payload.variables.after = data.todoEvents.cursor;
          onEvent(data.todoEvents);
        } else if (errors?.some((error) => error.extensions?.code === 'CURSOR_EXPIRED')) {
          payload.variables.after = null;
          onReset();
        }
      },
      error: () => {},
      // The server ends a subscription only when it refused it: start again unless stopped.
      complete: () => {
        if (!stopped) {
          setTimeout(start, 1_000);
        }
      },
    });
  };
  start();
  return () => {
    stopped = true;
    stop();
  };
}

/** Calls `onChange` with the service context each time maintenance is switched. */
export function followServiceContext(
  client: Client,
  onChange: (context: ServiceContextChangedSubscription['serviceContextChanged']) => void,
): () => void {
  return client.subscribe<ServiceContextChangedSubscription>(
    { query: stringifyDocument(ServiceContextChangedDocument) },
    {
      next: ({ data }) => data && onChange(data.serviceContextChanged),
      error: () => {},
      complete: () => {},
    },
  );
}

export const LiveClient = createContext<Client | null>(null);

/**
 * A number that goes up shortly after each change to the viewer's todos (from this tab,
 * another tab, another device): lists refetch when it changes. Bursts count once.
 */
export function useTodoChanges(): number {
  const client = useContext(LiveClient);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!client) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setChanges((count) => count + 1), 50);
    };
    const stop = followTodoEvents(client, changed, changed);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [client]);
  return changes;
}

type Status = 'connecting' | 'live' | 'reconnecting';
const listeners = new Set<() => void>();
let current: Status = 'connecting';
const status = {
  set(next: Status) {
    current = next;
    for (const listener of listeners) {
      listener();
    }
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Whether the live connection is open, for the indicator in the header. */
export function useLiveStatus(): Status {
  return useSyncExternalStore(status.subscribe, () => current);
}
