import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTodoDocument,
  PredictSentimentDocument,
  RegisterDocument,
} from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * Compiled execution (graphql-jit, ADR 27) answers exactly what graphql-js answers: the
 * same status and the same bytes, data and errors alike. Two servers share one database,
 * one compiled and one not; each operation runs three times on each (the first run of a
 * document goes through graphql-js, the next ones are compiled) and every answer is
 * compared with the interpreted server's.
 */
describe('compiled execution against graphql-js', () => {
  let compiled: TestServer;
  let interpreted: TestServer;
  let headers: Record<string, string>;
  let todoId: string;
  let predictionId: string;
  let userId: string;

  beforeAll(async () => {
    compiled = await startTestServer();
    interpreted = await startTestServer({
      database: compiled.database,
      env: { GRAPHQL_COMPILED_EXECUTION: 'false' },
    });
    const registered = await graphql(compiled.url, RegisterDocument, {
      input: { email: 'jit@example.com', password: 'a long enough password', displayName: 'Jit' },
    });
    const auth = registered.body.data?.register.auth;
    headers = { authorization: `Bearer ${auth?.accessToken ?? ''}` };
    userId = auth?.user.id ?? '';
    for (const [content, tags] of [
      ['Buy oat milk', ['shopping']],
      ['Write the compiled execution test', ['work', 'tests']],
      ['Call the plumber about the leak', []],
    ] as const) {
      const created = await graphql(
        compiled.url,
        CreateTodoDocument,
        { input: { content, tags: [...tags] } },
        headers,
      );
      todoId = created.body.data?.createTodo.todo?.id ?? '';
    }
    const prediction = await graphql(
      compiled.url,
      PredictSentimentDocument,
      { text: 'What a wonderful, lovely day' },
      headers,
    );
    predictionId = prediction.body.data?.predictSentiment.prediction?.id ?? '';
  });
  afterAll(async () => {
    await interpreted.close();
    await compiled.close();
  });

  async function ask(
    server: TestServer,
    body: Record<string, unknown>,
    extra: Record<string, string>,
  ): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      // The same request id on both sides: errors carry it.
      headers: { 'content-type': 'application/json', 'x-request-id': 'parity', ...extra },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }

  async function expectSameAnswers(
    body: Record<string, unknown>,
    extra: Record<string, string> = headers,
  ): Promise<Answer> {
    const expected = await ask(interpreted, body, extra);
    for (let run = 0; run < 3; run += 1) {
      expect(await ask(compiled, body, extra)).toEqual(expected);
    }
    return expected;
  }

  it('pages todos with their owner, tags, dates, cursors and totals', async () => {
    const query = `query Page($first: Int, $after: String, $tags: [String!]) {
      todos(first: $first, after: $after, filter: { tags: $tags }) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { __typename id content tags completed createdAt updatedAt version owner { id email displayName role } } }
      }
    }`;
    const first = await expectSameAnswers({ query, variables: { first: 2 } });
    expect(first.body).toContain('"totalCount":3');
    const endCursor = (
      JSON.parse(first.body) as { data: { todos: { pageInfo: { endCursor: string } } } }
    ).data.todos.pageInfo.endCursor;
    await expectSameAnswers({ query, variables: { first: 2, after: endCursor } });
    await expectSameAnswers({ query, variables: { tags: ['work'] } });
  });

  it('resolves node(id) through the Node interface, with fragments, aliases and directives', async () => {
    const query = `query Nodes($todo: ID!, $prediction: ID!, $user: ID!, $withOwner: Boolean!) {
      todo: node(id: $todo) { __typename id ...TodoFields }
      prediction: node(id: $prediction) { __typename id ... on Prediction { text model sentiment { label score compound } createdAt } }
      user: node(id: $user) { __typename ... on User { email } }
      nothing: node(id: "not-an-id") { id }
    }
    fragment TodoFields on Todo { content owner @include(if: $withOwner) { displayName } done: completed }`;
    const answer = await expectSameAnswers({
      query,
      variables: { todo: todoId, prediction: predictionId, user: userId, withOwner: true },
    });
    expect(answer.body).toContain('"__typename":"Prediction"');
    await expectSameAnswers({
      query,
      variables: { todo: todoId, prediction: predictionId, user: userId, withOwner: false },
    });
  });

  it('answers resolver errors with the same codes, paths and locations', async () => {
    const answer = await expectSameAnswers({
      query: 'query Big { todos(first: 500) { totalCount } me { email } }',
    });
    expect(answer.body).toContain('BAD_USER_INPUT');
    const anonymous = await expectSameAnswers(
      { query: 'query Mine { todos(first: 1) { totalCount } }' },
      {},
    );
    expect(anonymous.body).toContain('UNAUTHENTICATED');
  });

  it('refuses bad variables with 400 BAD_USER_INPUT, as graphql-js does', async () => {
    const answer = await expectSameAnswers({
      query: 'query Sized($first: Int!) { todos(first: $first) { totalCount } }',
      variables: { first: 'twenty' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('BAD_USER_INPUT');
    await expectSameAnswers({
      query: 'query Sized($first: Int!) { todos(first: $first) { totalCount } }',
      variables: {},
    });
  });

  it('answers introspection and the service context', async () => {
    await expectSameAnswers({
      query:
        '{ __schema { queryType { name } } __type(name: "Todo") { name fields { name type { name kind ofType { name } } } } }',
    });
    await expectSameAnswers({ query: '{ serviceContext { version maintenance database } }' }, {});
  });

  it('answers concurrent requests for a document while it is being compiled', async () => {
    const query = 'query Together { todos(first: 1) { edges { node { content } } } }';
    const expected = await ask(interpreted, { query }, headers);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => ask(compiled, { query }, headers)),
    );
    for (const answer of answers) {
      expect(answer).toEqual(expected);
    }
  });
});
