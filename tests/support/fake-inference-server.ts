import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/** What the fake inference servers share: VADER, reading a body, listening and closing. */

export const vader = createRequire(import.meta.url)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

export async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Listens on a free local port; `close` drops open connections too. */
export async function listening(
  server: Server,
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Readiness as MLServer and Triton answer it: a status and no body, 200 when ready and 400
 * when not. Whether `path` was a readiness route (and so answered).
 */
export function answeredReadiness(
  method: string | undefined,
  path: string,
  model: string,
  ready: boolean,
  response: ServerResponse,
): boolean {
  if (method !== 'GET' || (path !== '/v2/health/ready' && path !== `/v2/models/${model}/ready`)) {
    return false;
  }
  response.writeHead(ready ? 200 : 400, { 'content-length': '0' });
  response.end();
  return true;
}
