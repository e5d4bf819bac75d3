/**
 * The floor under any server built on Apollo Server and fastify (`npm run bench:http`): the
 * two libraries alone, as Strata wires them (a fastify route handing the request to
 * `executeHTTPGraphQLRequest`, the cache-control and landing-page plugins off, no CSRF
 * check), serving `{ serviceContext { version } }` from a one-field schema with no
 * authentication, plugins, limits, logging or database. It answers the same bytes as
 * Strata and the raw endpoint. Whatever Strata adds to the light query shows as the gap
 * between it and this floor; the gap between this floor and the raw endpoint is Apollo's
 * and fastify's own.
 *
 * Environment: PORT.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import Fastify from 'fastify';
import { buildSchema } from 'graphql';

const version = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

const apollo = new ApolloServer({
  schema: buildSchema(
    'type ServiceContext { version: String! } type Query { serviceContext: ServiceContext! }',
  ),
  rootValue: { serviceContext: () => ({ version }) },
  csrfPrevention: false,
  plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
});
await apollo.start();

const app = Fastify();
app.post('/graphql', async (request, reply) => {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') {
      headers.set(name, value);
    }
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: request.body },
    context: async () => ({}),
  });
  for (const [name, value] of response.headers) {
    void reply.header(name, value);
  }
  void reply.code(response.status ?? 200);
  return response.body.kind === 'complete' ? response.body.string : '';
});
await app.listen({ port: Number(process.env.PORT ?? 4002), host: '127.0.0.1' });
console.log(`Apollo floor listening on ${process.env.PORT ?? 4002}`);
