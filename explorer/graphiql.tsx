/**
 * The explorer Strata serves itself, from npm packages, for browsers that cannot load
 * Apollo Sandbox: GraphiQL with its docs and history panels, a headers editor opened on a
 * hint for the access token, and subscriptions over graphql-ws on the same path.
 *
 * Bundled by `scripts/build-explorer.mjs` into `dist/explorer/`; the page that loads it
 * passes the endpoint in `data-endpoint` on the `#graphiql` element.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

const workers: Record<string, string> = {
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
};

// Monaco looks its workers up here before it opens the first editor.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const file = workers[label] ?? 'editor.worker.js';
    return new Worker(new URL(`./${file}`, import.meta.url), { type: 'module' });
  },
};

const DEFAULT_QUERY = `# Strata's GraphQL API. The book icon opens the docs.
#
# Signed-in queries: run Login, then put its accessToken
# in place of the placeholder in the Headers tab below.

query ServiceContext {
  serviceContext {
    version
    maintenance
  }
}

mutation Login($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) {
    auth {
      accessToken
      sessionToken
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const PLACEHOLDER = '<accessToken from login>';
const DEFAULT_HEADERS = `{
  "Authorization": "Bearer ${PLACEHOLDER}"
}`;

const element = document.getElementById('graphiql');
if (!element) {
  throw new Error('The page has no #graphiql element.');
}
const endpoint = new URL(element.dataset.endpoint ?? '/graphql', window.location.href);
const subscriptionUrl = new URL(endpoint);
subscriptionUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// The headers of the last request made from the editor: a subscription sends their
// Authorization in connection_init, as a WebSocket cannot carry it in a header.
let lastHeaders: Record<string, unknown> = {};

const fetchOrSubscribe = createGraphiQLFetcher({
  url: endpoint.href,
  wsClient: createClient({
    url: subscriptionUrl.href,
    lazy: true,
    connectionParams: () => {
      const value = lastHeaders.Authorization ?? lastHeaders.authorization;
      return typeof value === 'string' ? { authorization: value } : {};
    },
  }),
});

const fetcher: typeof fetchOrSubscribe = (params, options) => {
  // The hint in the headers editor is not a token: until it is replaced, send none, so
  // anonymous queries keep working.
  lastHeaders = Object.fromEntries(
    Object.entries(options?.headers ?? {}).filter(
      ([, value]) => !(typeof value === 'string' && value.includes(PLACEHOLDER)),
    ),
  );
  return fetchOrSubscribe(params, options && { ...options, headers: lastHeaders });
};

createRoot(element).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={DEFAULT_HEADERS}
    defaultEditorToolsVisibility="headers"
    // Headers hold an access token: kept for this tab only, unless the user opts in.
    shouldPersistHeaders={false}
    showPersistHeadersSettings
  />,
);
