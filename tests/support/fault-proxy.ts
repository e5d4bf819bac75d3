import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * - `pass`: bytes flow both ways.
 * - `blackhole`: nothing is read from either side, so connections stay open and every
 *   request waits, as on a network that drops packets; back in `pass`, what waited flows
 *   on, as TCP retransmission delivers it once the network heals.
 * - `reset`: open connections are reset (RST) and new ones are reset as they arrive, as
 *   when the server host restarts or a firewall kills flows.
 * - `refuse`: nothing listens any more: new connections are refused (ECONNREFUSED), as
 *   while the server is down; open connections are reset.
 */
export type ProxyMode = 'pass' | 'blackhole' | 'reset' | 'refuse';

/** A TCP proxy between Strata and a server (PostgreSQL) that fails on demand. */
export interface FaultProxy {
  readonly port: number;
  /** Changing it to `refuse` and back reopens the same port; await `settled()` after. */
  mode: ProxyMode;
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let mode: ProxyMode = 'pass';
  let pending: Promise<void> = Promise.resolve();
  const reset = ([client, upstream]: [Socket, Socket]) => {
    client.resetAndDestroy();
    upstream.destroy();
  };
  const flow = (pair: [Socket, Socket]) => {
    const [client, upstream] = pair;
    if (mode === 'pass') {
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.resume();
    } else if (mode === 'blackhole') {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    } else {
      reset(pair);
    }
  };
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    flow(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    get mode() {
      return mode;
    },
    set mode(next: ProxyMode) {
      const before = mode;
      mode = next;
      for (const pair of pairs) {
        flow(pair);
      }
      if (next === 'refuse' && before !== 'refuse') {
        pending = pending.then(() => new Promise<void>((resolve) => server.close(() => resolve())));
      } else if (before === 'refuse' && next !== 'refuse') {
        pending = pending.then(
          () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
        );
      }
    },
    settled: () => pending,
    close: async () => {
      await pending;
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      if (server.listening) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
