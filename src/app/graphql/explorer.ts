import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ExplorerMode } from '#shared/infrastructure/config/config.js';

/** Where the self-served explorer's files are, under the GraphQL path. */
export const EXPLORER_ASSETS = '/explorer/';

const SANDBOX_SCRIPT =
  'https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js';
/** The host Sandbox's iframe loads from: reachable or not decides the fallback. */
const SANDBOX_HOST = 'https://sandbox.embed.apollographql.com/';
/** How long the page waits for Sandbox before it serves GraphiQL instead. */
const SANDBOX_WAIT_MS = 4000;

const DEFAULT_DOCUMENT = `# Strata's GraphQL API. Queries that need a signed-in user: run login,
# then send its accessToken as the header  Authorization: Bearer <accessToken>
query ServiceContext {
  serviceContext {
    version
    maintenance
  }
}
`;

/**
 * The explorer page: Apollo Sandbox where the browser can load it, else (offline, a
 * blocked CDN) the GraphiQL bundle Strata serves itself from `assets`. `?explorer=graphiql`
 * asks for the built-in one in `auto` mode.
 */
export function explorerPage(mode: Exclude<ExplorerMode, 'none'>, assets: string): string {
  const settings = JSON.stringify({
    mode,
    assets,
    sandboxScript: SANDBOX_SCRIPT,
    sandboxHost: SANDBOX_HOST,
    waitMs: SANDBOX_WAIT_MS,
    document: DEFAULT_DOCUMENT,
  }).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strata GraphQL explorer</title>
<link rel="icon" href="data:,">
<style>
html,body{height:100%;margin:0;font:15px/1.5 system-ui,sans-serif}
#sandbox,#graphiql{position:absolute;inset:0}
#sandbox iframe{width:100%;height:100%;border:0}
#status{max-width:40rem;margin:3rem auto;padding:0 1rem}
#switch{position:fixed;right:.75rem;bottom:.5rem;font-size:12px;z-index:10;background:#fff;padding:.1rem .4rem;border-radius:4px}
</style>
</head>
<body>
<p id="status">Loading the explorer…</p>
<div id="sandbox" hidden></div>
<div id="graphiql" hidden></div>
<script type="module">
const settings = ${settings};
const endpoint = location.origin + location.pathname;
// Subscriptions: graphql-ws on the same path.
const subscriptionEndpoint = endpoint.replace(/^http/, 'ws');
const status = document.getElementById('status');
const wanted = new URLSearchParams(location.search).get('explorer');

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(what + ' took over ' + ms + ' ms')), ms)),
  ]);
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error('could not load ' + src));
    document.head.append(script);
  });
}

async function showSandbox() {
  // Both the script (CDN) and the iframe's host must answer; an opaque answer will do.
  await withTimeout(
    Promise.all([loadScript(settings.sandboxScript), fetch(settings.sandboxHost, { mode: 'no-cors' })]),
    settings.waitMs,
    'Apollo Sandbox',
  );
  const target = document.getElementById('sandbox');
  target.hidden = false;
  new window.EmbeddedSandbox({
    target: '#sandbox',
    initialEndpoint: endpoint,
    initialSubscriptionEndpoint: subscriptionEndpoint,
    initialState: { document: settings.document, includeCookies: false },
    hideCookieToggle: true,
    endpointIsEditable: false,
    runTelemetry: false,
  });
  status.remove();
  if (settings.mode === 'auto') {
    const link = document.createElement('a');
    link.id = 'switch';
    link.href = '?explorer=graphiql';
    link.textContent = 'Built-in explorer (GraphiQL)';
    document.body.append(link);
  }
}

async function showGraphiql(reason) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = settings.assets + 'graphiql.css';
  document.head.append(css);
  const target = document.getElementById('graphiql');
  target.dataset.endpoint = endpoint;
  target.hidden = false;
  if (reason) console.info('Strata explorer: serving GraphiQL because ' + reason);
  try {
    await import(settings.assets + 'graphiql.js');
    status.remove();
  } catch (error) {
    target.hidden = true;
    status.textContent = 'The built-in explorer could not be loaded (' + error.message +
      '). Build it with "npm run build:explorer", or call ' + endpoint + ' with any GraphQL client.';
  }
}

if (settings.mode === 'graphiql' || (settings.mode === 'auto' && wanted === 'graphiql')) {
  showGraphiql();
} else {
  showSandbox().catch((error) => {
    if (settings.mode === 'sandbox') {
      status.textContent = 'Apollo Sandbox cannot be loaded (' + error.message +
        '). Set GRAPHQL_EXPLORER=auto or graphiql to use the explorer Strata serves itself.';
    } else {
      showGraphiql(error.message);
    }
  });
}
</script>
</body>
</html>
`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the bundled explorer (`npm run build:explorer` writes it to dist/explorer): only
 * the files found there at start, each read once.
 */
export function registerExplorerAssets(scope: FastifyInstance, graphqlPath: string): void {
  const directory = explorerDirectory();
  const files = new Set(directory ? readdirSync(directory) : []);
  const cache = new Map<string, Promise<Buffer>>();
  scope.get(`${graphqlPath}${EXPLORER_ASSETS}:file`, async (request, reply) => {
    const { file } = request.params as { file: string };
    const type = CONTENT_TYPES[extname(file)];
    if (!directory || !files.has(file) || !type) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    let content = cache.get(file);
    if (!content) {
      content = readFile(new URL(file, directory));
      cache.set(file, content);
    }
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=300')
      .send(await content);
  });
}

/** dist/explorer, from both src/app/graphql (tests, tsx) and dist/app/graphql. */
function explorerDirectory(): URL | undefined {
  const candidates = [
    new URL('../../explorer/', import.meta.url),
    new URL('../../../dist/explorer/', import.meta.url),
  ];
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
}
