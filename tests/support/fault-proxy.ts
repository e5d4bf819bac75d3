import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

type ProxyMode = 'pass' | 'blackhole';

/**
 * A TCP proxy between Strata and a server (PostgreSQL) that can go silent on demand, as a
 * network that drops packets does: in `blackhole` mode nothing is read from either side, so
 * connections stay open and every request waits; back in `pass` mode, what waited flows on,
 * as TCP retransmission delivers it once the network heals.
 */
export interface FaultProxy {
  readonly port: number;
  mode: ProxyMode;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let mode: ProxyMode = 'pass';
  const flow = ([client, upstream]: [Socket, Socket]) => {
    if (mode === 'pass') {
      client.pipe(upstream);
      upstream.pipe(client);
    } else {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
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
  return {
    port: (server.address() as AddressInfo).port,
    get mode() {
      return mode;
    },
    set mode(next: ProxyMode) {
      mode = next;
      for (const pair of pairs) {
        flow(pair);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
