import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTodoDocument,
  NodeDocument,
  PredictSentimentDocument,
  RegisterDocument,
} from '../../schema/generated/graphql.js';
import { signInAsAdmin } from '../support/accounts.js';
import { graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Account {
  readonly id: string;
  readonly headers: Record<string, string>;
}

async function register(server: TestServer, name: string): Promise<Account> {
  const response = await graphql(server.url, RegisterDocument, {
    input: { email: `${name}@example.com`, password: 'a long enough password', displayName: name },
  });
  const auth = response.body.data?.register.auth;
  return { id: auth?.user.id ?? '', headers: bearer(auth?.accessToken ?? '') };
}

/** Every entity with an id is a Node, and node(id) finds it for whoever may see it. */
describe('node(id) over every node type', () => {
  let server: TestServer;
  let ada: Account;
  let grace: Account;
  let admin: Account;
  let todoId: string;
  let predictionId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ada = await register(server, 'ada');
    grace = await register(server, 'grace');
    const root = await signInAsAdmin(server);
    admin = { id: root.id, headers: bearer(root.token) };
    const todo = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content: 'Write the node test', tags: [] } },
      ada.headers,
    );
    todoId = todo.body.data?.createTodo.todo?.id ?? '';
    const prediction = await graphql(
      server.url,
      PredictSentimentDocument,
      { text: 'What a lovely day' },
      ada.headers,
    );
    predictionId = prediction.body.data?.predictSentiment.prediction?.id ?? '';
  });
  afterAll(async () => {
    await server.close();
  });

  const node = (id: string, account: Account) =>
    graphql(server.url, NodeDocument, { id }, account.headers).then((r) => r.body);

  it('finds the viewer’s todo, prediction and user, each with its type', async () => {
    expect((await node(todoId, ada)).data?.node).toEqual({
      __typename: 'Todo',
      id: todoId,
      content: 'Write the node test',
    });
    expect((await node(predictionId, ada)).data?.node).toEqual({
      __typename: 'Prediction',
      id: predictionId,
      text: 'What a lovely day',
      sentiment: { label: 'POSITIVE' },
    });
    expect((await node(ada.id, ada)).data?.node).toEqual({
      __typename: 'User',
      id: ada.id,
      displayName: 'ada',
    });
  });

  it('answers null for another user’s todo, prediction and user, as for a missing id', async () => {
    for (const id of [todoId, predictionId, ada.id, '00000000-0000-4000-8000-0000000000ff']) {
      const body = await node(id, grace);
      expect(body.errors, id).toBeUndefined();
      expect(body.data?.node, id).toBeNull();
    }
  });

  it('lets an admin find any user, but not other users’ todos and predictions', async () => {
    expect((await node(grace.id, admin)).data?.node).toMatchObject({
      __typename: 'User',
      displayName: 'grace',
    });
    expect((await node(todoId, admin)).data?.node).toBeNull();
    expect((await node(predictionId, admin)).data?.node).toBeNull();
  });

  it('answers null, not an error, for an id that is not a UUID', async () => {
    for (const id of ['not-a-uuid', '', "'; drop table todos; --"]) {
      const body = await node(id, ada);
      expect(body.errors, id).toBeUndefined();
      expect(body.data?.node, id).toBeNull();
    }
  });

  it('resolves several nodes of different types in one request', async () => {
    const response = await postGraphQL<Record<string, { __typename: string } | null>>(
      server.url,
      {
        query: `{ a: node(id: "${todoId}") { __typename } b: node(id: "${predictionId}") { __typename }
                  c: node(id: "${ada.id}") { __typename } d: node(id: "${grace.id}") { __typename } }`,
      },
      ada.headers,
    );
    expect(response.body.data).toEqual({
      a: { __typename: 'Todo' },
      b: { __typename: 'Prediction' },
      c: { __typename: 'User' },
      d: null,
    });
  });

  it('is for signed-in users only', async () => {
    const body = (await graphql(server.url, NodeDocument, { id: todoId })).body;
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
