import type { FastifyRequest } from 'fastify';

/**
 * What a browser opening the endpoint gets when no explorer is served (production): a
 * page naming the endpoint and how to call it, instead of a GraphQL error in JSON.
 */
export function endpointPage(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Strata GraphQL API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code,pre{background:#f4f4f4;padding:.1rem .3rem}</style>
</head>
<body>
<h1>Strata GraphQL API</h1>
<p>This is a GraphQL endpoint: <code>${escapeHtml(endpoint)}</code>. Send queries as
<code>POST</code> with <code>Content-Type: application/json</code>, or as <code>GET</code>
with a <code>query</code> parameter. Sign in with the <code>login</code> mutation and send the
access token as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<pre>curl -s ${escapeHtml(endpoint)} -H 'content-type: application/json' \\
  -d '{"query":"{ serviceContext { version } }"}'</pre>
<p>The schema explorer is not served here; <code>GRAPHQL_EXPLORER=auto</code> turns it on.</p>
</body>
</html>
`;
}

/** A browser navigating to the endpoint: a GET that asks for HTML and carries no query. */
export function isBrowserNavigation(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return (
    request.method === 'GET' && accept.includes('text/html') && !request.url.includes('query=')
  );
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
