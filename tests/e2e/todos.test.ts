import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTodoHandler } from '#modules/todos/application/index.js';
import { CLOCK } from '#shared/application/clock.js';
import {
  CompleteTodoDocument,
  CreateTodoDocument,
  DeleteTodoDocument,
  EditTodoDocument,
  NodeDocument,
  RegisterDocument,
  ReopenTodoDocument,
  TagsDocument,
  TagTodoDocument,
  TodoDocument,
  TodosDocument,
  type TodosQuery,
  UntagTodoDocument,
} from '../../schema/generated/graphql.js';
import { FixedClock } from '../doubles/fixed-clock.js';
import { type GraphQLResponse, graphql } from '../support/http.js';
import { requestStatements } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** An ISO 8601 instant at UTC with milliseconds, as the DateTimeISO scalar writes it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('todos over HTTP', () => {
  let server: TestServer;
  let ada: Record<string, string>;
  let grace: Record<string, string>;
  let adaId: string;
  let signUps = 0;
  /** An email no other test of this file uses. */
  const freshEmail = (purpose: string) => {
    signUps += 1;
    return `${purpose}-${signUps}@example.com`;
  };

  const signUp = async (email: string) => {
    const response = await graphql(server.url, RegisterDocument, {
      input: { email, password: 'a long enough password', displayName: email.split('@')[0] ?? '' },
    });
    const auth = response.body.data?.register.auth;
    return { headers: { authorization: `Bearer ${auth?.accessToken}` }, id: auth?.user.id ?? '' };
  };
  const create = async (headers: Record<string, string>, content: string, tags: string[] = []) => {
    const response = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content, tags } },
      headers,
    );
    const todo = response.body.data?.createTodo.todo;
    if (!todo) {
      throw new Error(JSON.stringify(response.body));
    }
    return todo;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const first = await signUp('ada@example.com');
    ada = first.headers;
    adaId = first.id;
    grace = (await signUp('grace@example.com')).headers;
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates, reads, edits, completes, reopens, tags, untags and deletes a todo', async () => {
    const todo = await create(ada, '  Buy milk  ', ['Home', 'shop', 'home']);
    expect(todo).toMatchObject({
      content: 'Buy milk',
      tags: ['home', 'shop'],
      version: 1,
      completed: false,
    });
    const read = await graphql(server.url, TodoDocument, { id: todo.id }, ada);
    expect(read.body.data?.todo?.owner).toEqual({ id: adaId, displayName: 'ada' });

    const edited = await graphql(
      server.url,
      EditTodoDocument,
      {
        input: { id: todo.id, content: 'Buy oat milk', expectedVersion: 1 },
      },
      ada,
    );
    expect(edited.body.data?.editTodo.todo).toMatchObject({ content: 'Buy oat milk', version: 2 });
    const completing = Date.now();
    const done = await graphql(server.url, CompleteTodoDocument, { id: todo.id }, ada);
    const completed = Date.now();
    expect(done.body.data?.completeTodo.todo).toMatchObject({ completed: true, version: 3 });
    // Completed now: the moment of the request, which is also the todo's last change.
    const completedAt = done.body.data?.completeTodo.todo?.completedAt;
    expect(completedAt).toMatch(ISO_INSTANT);
    expect(Date.parse(completedAt ?? '')).toBeGreaterThanOrEqual(completing);
    expect(Date.parse(completedAt ?? '')).toBeLessThanOrEqual(completed);
    expect(done.body.data?.completeTodo.todo?.updatedAt).toBe(completedAt);
    const reopened = await graphql(server.url, ReopenTodoDocument, { id: todo.id }, ada);
    expect(reopened.body.data?.reopenTodo.todo).toMatchObject({
      completed: false,
      completedAt: null,
    });
    const tagged = await graphql(
      server.url,
      TagTodoDocument,
      { id: todo.id, tags: ['urgent'] },
      ada,
    );
    expect(tagged.body.data?.tagTodo.todo?.tags).toEqual(['home', 'shop', 'urgent']);
    const untagged = await graphql(
      server.url,
      UntagTodoDocument,
      { id: todo.id, tags: ['shop'] },
      ada,
    );
    expect(untagged.body.data?.untagTodo.todo?.tags).toEqual(['home', 'urgent']);
    const node = await graphql(server.url, NodeDocument, { id: todo.id }, ada);
    expect(node.body.data?.node).toEqual({
      __typename: 'Todo',
      id: todo.id,
      content: 'Buy oat milk',
    });

    const deleted = await graphql(server.url, DeleteTodoDocument, { id: todo.id }, ada);
    expect(deleted.body.data?.deleteTodo).toEqual({ deletedId: todo.id, userErrors: [] });
    expect(
      (await graphql(server.url, TodoDocument, { id: todo.id }, ada)).body.data?.todo,
    ).toBeNull();
  });

  it('treats another user’s todo exactly like a missing one, for every query and mutation', async () => {
    const theirs = await create(grace, 'Grace’s secret plan', ['private']);
    const missing = '00000000-0000-4000-8000-0000000000ff';
    for (const id of [theirs.id, missing]) {
      expect((await graphql(server.url, TodoDocument, { id }, ada)).body.data?.todo).toBeNull();
      expect((await graphql(server.url, NodeDocument, { id }, ada)).body.data?.node).toBeNull();
      const calls = [
        graphql(
          server.url,
          EditTodoDocument,
          { input: { id, content: 'x', expectedVersion: 1 } },
          ada,
        ),
        graphql(server.url, CompleteTodoDocument, { id }, ada),
        graphql(server.url, ReopenTodoDocument, { id }, ada),
        graphql(server.url, TagTodoDocument, { id, tags: ['x'] }, ada),
        graphql(server.url, UntagTodoDocument, { id, tags: ['private'] }, ada),
        graphql(server.url, DeleteTodoDocument, { id }, ada),
      ];
      for (const response of await Promise.all(calls)) {
        const payload = Object.values(response.body.data ?? {})[0] as { userErrors: unknown[] };
        expect(payload.userErrors).toEqual([
          { code: 'NOT_FOUND', field: 'id', message: 'There is no todo with this id.' },
        ]);
      }
    }
    const still = await graphql(server.url, TodoDocument, { id: theirs.id }, grace);
    expect(still.body.data?.todo).toMatchObject({
      content: 'Grace’s secret plan',
      version: 1,
      tags: ['private'],
    });
    const adaTags = await graphql(server.url, TagsDocument, {}, ada);
    expect(adaTags.body.data?.tags.map((tag) => tag.tag)).not.toContain('private');
  });

  it.each([
    ['empty content', { content: '   ', tags: [] }, 'INVALID_CONTENT', 'content'],
    [
      'content over 5000 characters',
      { content: 'x'.repeat(5001), tags: [] },
      'INVALID_CONTENT',
      'content',
    ],
    [
      '21 tags',
      { content: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'TOO_MANY_TAGS',
      'tags',
    ],
    ['a tag with a space', { content: 'ok', tags: ['fine', 'not fine'] }, 'INVALID_TAG', 'tags.1'],
    [
      'a tag over 40 characters',
      { content: 'ok', tags: ['x'.repeat(41)] },
      'INVALID_TAG',
      'tags.0',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_, input, code, field) => {
    // A user of its own with one todo, so the count is known before and after.
    const { headers } = await signUp(freshEmail('refused'));
    const kept = await create(headers, 'the only todo');
    const totalCount = async () =>
      (await graphql(server.url, TodosDocument, { first: 1 }, headers)).body.data?.todos.totalCount;
    const before = await totalCount();
    expect(before).toBe(1);
    const response = await graphql(server.url, CreateTodoDocument, { input }, headers);
    expect(response.body.data?.createTodo.todo).toBeNull();
    expect(response.body.data?.createTodo.userErrors[0]).toMatchObject({ code, field });
    const after = await totalCount();
    expect(after).toBe(before);
    const page = await graphql(server.url, TodosDocument, { first: 5 }, headers);
    expect(page.body.data?.todos.edges.map((edge) => edge.node.id)).toEqual([kept.id]);
  });

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 1000', { first: 1000 }, 'first'],
    ['a forged cursor', { first: 5, after: 'Zm9yZ2Vk' }, 'after'],
    [
      'a users cursor',
      {
        first: 5,
        after: Buffer.from(
          '{"k":"users","createdAt":"2026-01-01T00:00:00Z","id":"00000000-0000-4000-8000-000000000001"}',
        ).toString('base64url'),
      },
      'after',
    ],
    ['a bad tag filter', { first: 5, filter: { tags: ['NOT OK'] } }, 'filter.tags.0'],
    [
      '21 filter tags',
      { first: 5, filter: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } },
      'filter.tags',
    ],
    [
      'a search over 200 characters',
      { first: 5, filter: { search: 'é'.repeat(201) } },
      'filter.search',
    ],
    [
      'RELEVANCE without search',
      { first: 5, orderBy: { field: 'RELEVANCE' as const, direction: 'DESC' as const } },
      'orderBy',
    ],
  ])('answers BAD_USER_INPUT to %s', async (_, variables, field) => {
    const response = await graphql(server.url, TodosDocument, variables, ada);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('follows cursors page by page over HTTP, without repeats or gaps', async () => {
    const { headers } = await signUp('pages@example.com');
    for (let i = 0; i < 7; i += 1) {
      await create(headers, `page item ${i}`);
    }
    // Todos made in the same millisecond tie on created_at and fall back to id order, so the
    // expected order is the one a single large page gives.
    const whole = await graphql(server.url, TodosDocument, { first: 100 }, headers);
    const expected = whole.body.data?.todos.edges.map((edge) => edge.node.content);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 4; page += 1) {
      const response: GraphQLResponse<TodosQuery> = await graphql(
        server.url,
        TodosDocument,
        { first: 3, after },
        headers,
      );
      const todos = response.body.data?.todos;
      seen.push(...(todos?.edges.map((edge) => edge.node.content) ?? []));
      after = todos?.pageInfo.endCursor;
      if (!todos?.pageInfo.hasNextPage) {
        break;
      }
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(7);
  });

  it('pages backward with last and before, as an infinite list scrolled up does', async () => {
    const { headers } = await signUp('backward@example.com');
    for (let i = 0; i < 7; i += 1) {
      await create(headers, `back item ${i}`);
    }
    const whole = await graphql(server.url, TodosDocument, { first: 100 }, headers);
    const expected = whole.body.data?.todos.edges.map((edge) => edge.node.content) ?? [];

    // From the end of the list, three at a time, each page in list order.
    const seen: string[] = [];
    let before: string | null | undefined = null;
    const flags: [boolean, boolean][] = [];
    for (let page = 0; page < 4; page += 1) {
      const response: GraphQLResponse<TodosQuery> = await graphql(
        server.url,
        TodosDocument,
        { last: 3, before },
        headers,
      );
      expect(response.body.errors).toBeUndefined();
      const todos = response.body.data?.todos;
      seen.unshift(...(todos?.edges.map((edge) => edge.node.content) ?? []));
      flags.push([todos?.pageInfo.hasPreviousPage ?? false, todos?.pageInfo.hasNextPage ?? true]);
      before = todos?.pageInfo.startCursor;
      if (!todos?.pageInfo.hasPreviousPage) {
        break;
      }
    }
    expect(seen).toEqual(expected);
    expect(flags).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);

    // Forward then back: the page before the second page is the first page.
    const first = await graphql(server.url, TodosDocument, { first: 3 }, headers);
    const second = await graphql(
      server.url,
      TodosDocument,
      { first: 3, after: first.body.data?.todos.pageInfo.endCursor },
      headers,
    );
    expect(second.body.data?.todos.pageInfo).toMatchObject({
      hasPreviousPage: true,
      hasNextPage: true,
    });
    const back = await graphql(
      server.url,
      TodosDocument,
      { last: 3, before: second.body.data?.todos.pageInfo.startCursor },
      headers,
    );
    expect(back.body.data?.todos.edges).toEqual(first.body.data?.todos.edges);
    expect(back.body.data?.todos.pageInfo).toMatchObject({
      hasPreviousPage: false,
      hasNextPage: true,
    });
  });

  it('refuses first with last, after with before, and a size out of range, naming the argument', async () => {
    const { headers } = await signUp('mixed@example.com');
    await create(headers, 'only one');
    const page = await graphql(server.url, TodosDocument, { first: 1 }, headers);
    const cursor = page.body.data?.todos.pageInfo.endCursor;
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 2, last: 2 }, 'last'],
      [{ after: cursor, before: cursor }, 'before'],
      [{ first: 2, before: cursor }, 'first'],
      [{ last: 2, after: cursor }, 'after'],
      [{ last: 0 }, 'last'],
      [{ last: 101 }, 'last'],
      [{ last: 2, before: 'not a cursor' }, 'before'],
    ];
    for (const [variables, field] of cases) {
      const response = await graphql(server.url, TodosDocument, variables, headers);
      expect(response.body.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });

  it('changes nothing when asked for the state already in force', async () => {
    const todo = await create(ada, 'idempotent');
    const first = await graphql(server.url, CompleteTodoDocument, { id: todo.id }, ada);
    const again = await graphql(server.url, CompleteTodoDocument, { id: todo.id }, ada);
    expect(again.body.data?.completeTodo.todo).toEqual(first.body.data?.completeTodo.todo);
    expect(again.body.data?.completeTodo.todo?.version).toBe(2);
  });

  it('refuses a cursor reused under another filter', async () => {
    await create(ada, 'filter one', ['alpha']);
    await create(ada, 'filter two', ['alpha']);
    const page = await graphql(
      server.url,
      TodosDocument,
      { first: 1, filter: { tags: ['alpha'] } },
      ada,
    );
    const after = page.body.data?.todos.pageInfo.endCursor;
    expect(page.body.data?.todos.pageInfo).toMatchObject({
      hasPreviousPage: false,
      hasNextPage: true,
    });
    const same = await graphql(
      server.url,
      TodosDocument,
      { first: 1, after, filter: { tags: ['alpha'] } },
      ada,
    );
    expect(same.body.errors).toBeUndefined();
    const other = await graphql(
      server.url,
      TodosDocument,
      { first: 1, after, filter: { tags: ['beta'] } },
      ada,
    );
    expect(other.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it.each(['1', '2024', 'Thu Jan 01 1970 00:00:00 GMT+0000', '', '1e39'])(
    'answers BAD_USER_INPUT, not a server error, to a well-formed cursor whose key is %j',
    async (key) => {
      const { headers } = await signUp(freshEmail('cursor-key'));
      await create(headers, 'first of two');
      await create(headers, 'second of two');
      // A cursor the server issued (base64url JSON carrying the sort key as `v`), accepted as
      // it is, then the same cursor with only its key replaced.
      const page = await graphql(server.url, TodosDocument, { first: 1 }, headers);
      const issued = page.body.data?.todos.pageInfo.endCursor ?? '';
      const fields = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8'));
      expect(fields).toMatchObject({ k: 'todos', v: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      const accepted = await graphql(
        server.url,
        TodosDocument,
        { first: 5, after: issued },
        headers,
      );
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data?.todos.edges).toHaveLength(1);
      const after = Buffer.from(JSON.stringify({ ...fields, v: key })).toString('base64url');
      const response = await graphql(server.url, TodosDocument, { first: 5, after }, headers);
      expect(response.body.data).toBeNull();
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    },
  );

  it('refuses control characters in content and search instead of failing in the database', async () => {
    const created = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content: 'a\u0000b', tags: [] } },
      ada,
    );
    expect(created.body.data?.createTodo.userErrors[0]).toMatchObject({
      code: 'INVALID_CONTENT',
      field: 'content',
    });
    const searched = await graphql(
      server.url,
      TodosDocument,
      { first: 5, filter: { search: 'a\u0000b' } },
      ada,
    );
    expect(searched.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.search',
    });
  });

  it('refuses broken Unicode in content and search rather than store something else', async () => {
    const before = await graphql(server.url, TodosDocument, { first: 100 }, ada);
    // JSON carries the lone surrogate as \ud800; UTF-8 in the database could not.
    const created = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content: 'abc\ud800def', tags: [] } },
      ada,
    );
    expect(created.body.data?.createTodo).toEqual({
      todo: null,
      userErrors: [
        {
          code: 'INVALID_CONTENT',
          field: 'content',
          message:
            'Content must be 1 to 5000 characters, without control characters or broken Unicode.',
        },
      ],
    });
    const after = await graphql(server.url, TodosDocument, { first: 100 }, ada);
    expect(after.body.data?.todos.totalCount).toBe(before.body.data?.todos.totalCount);
    const searched = await graphql(
      server.url,
      TodosDocument,
      { first: 5, filter: { search: 'abc\udc00' } },
      ada,
    );
    expect(searched.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.search',
    });
  });

  it('refuses an oversized tag list as TOO_MANY_TAGS', async () => {
    const tags = Array.from({ length: 50_000 }, (_, i) => `t${i}`);
    const response = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content: 'many', tags } },
      ada,
    );
    expect(response.body.data?.createTodo.userErrors[0]).toMatchObject({
      code: 'TOO_MANY_TAGS',
      field: 'tags',
    });
  });

  it('refuses a cursor made for another ordering', async () => {
    await create(ada, 'one');
    await create(ada, 'two');
    const page = await graphql(server.url, TodosDocument, { first: 1 }, ada);
    const cursor = page.body.data?.todos.pageInfo.endCursor;
    const other = await graphql(
      server.url,
      TodosDocument,
      {
        first: 1,
        after: cursor,
        orderBy: { field: 'UPDATED_AT', direction: 'ASC' },
      },
      ada,
    );
    expect(other.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('lets exactly one of two edits with the same expectedVersion win', async () => {
    const todo = await create(ada, 'contested');
    const edit = (content: string) =>
      graphql(
        server.url,
        EditTodoDocument,
        { input: { id: todo.id, content, expectedVersion: 1 } },
        ada,
      );
    const [a, b] = await Promise.all([edit('first writer'), edit('second writer')]);
    const payloads = [a.body.data?.editTodo, b.body.data?.editTodo];
    expect(payloads.filter((payload) => payload?.todo)).toHaveLength(1);
    expect(
      payloads.flatMap((payload) => payload?.userErrors ?? []).map((error) => error.code),
    ).toEqual(['VERSION_CONFLICT']);
    const stored = await graphql(server.url, TodoDocument, { id: todo.id }, ada);
    expect(stored.body.data?.todo?.version).toBe(2);
  });

  it('applies two different changes made at once, one after the other', async () => {
    const todo = await create(ada, 'busy todo');
    const [done, tagged] = await Promise.all([
      graphql(server.url, CompleteTodoDocument, { id: todo.id }, ada),
      graphql(server.url, TagTodoDocument, { id: todo.id, tags: ['both'] }, ada),
    ]);
    expect(done.body.data?.completeTodo.userErrors).toEqual([]);
    expect(tagged.body.data?.tagTodo.userErrors).toEqual([]);
    const stored = await graphql(server.url, TodoDocument, { id: todo.id }, ada);
    expect(stored.body.data?.todo).toMatchObject({ completed: true, tags: ['both'], version: 3 });
  });

  it('filters by all tags, completion and search, and counts tags', async () => {
    const { headers } = await signUp('filters@example.com');
    const party = await create(headers, 'Plan the birthday party', ['home', 'fun']);
    await create(headers, 'Party supplies run', ['shop', 'fun']);
    await create(headers, 'Tax return', ['home']);
    await graphql(server.url, CompleteTodoDocument, { id: party.id }, headers);
    const contents = async (variables: Parameters<typeof graphql<unknown, object>>[2]) =>
      (
        await graphql(server.url, TodosDocument, { first: 10, ...(variables as object) }, headers)
      ).body.data?.todos.edges
        .map((edge) => edge.node.content)
        .sort();
    expect(await contents({ filter: { tags: ['home', 'fun'] } })).toEqual([
      'Plan the birthday party',
    ]);
    expect(await contents({ filter: { completed: false } })).toEqual([
      'Party supplies run',
      'Tax return',
    ]);
    expect(await contents({ filter: { search: 'parties' } })).toEqual([
      'Party supplies run',
      'Plan the birthday party',
    ]);
    const tags = await graphql(server.url, TagsDocument, {}, headers);
    expect(tags.body.data?.tags).toEqual([
      { tag: 'fun', count: 2 },
      { tag: 'home', count: 2 },
      { tag: 'shop', count: 1 },
    ]);
  });

  it('asks the database the same number of statements for 5 todos as for 100', async () => {
    const { headers, id } = await signUp('many@example.com');
    const handler = server.app.container.get(CreateTodoHandler);
    for (let i = 0; i < 120; i += 1) {
      await handler.execute({
        ownerId: id,
        content: `todo number ${i}`,
        tags: [`t${i % 7}`, 'bulk'],
      });
    }
    const countFor = async (first: number) => {
      server.database.statements.length = 0;
      const response = await graphql(server.url, TodosDocument, { first }, headers);
      expect(response.body.data?.todos.edges).toHaveLength(first);
      return requestStatements(server.database.statements).length;
    };
    const small = await countFor(5);
    const large = await countFor(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(3); // the session check, the page, the owners
  });

  it('is for signed-in users only', async () => {
    const response = await graphql(server.url, TodosDocument, { first: 5 });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('for anonymous callers', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create(ada, 'not for strangers', ['mine'])).id;
    });

    const calls = [
      ['todo(id)', 'todo', () => graphql(server.url, TodoDocument, { id })],
      ['node(id)', 'node', () => graphql(server.url, NodeDocument, { id })],
      [
        'createTodo',
        'createTodo',
        () => graphql(server.url, CreateTodoDocument, { input: { content: 'sneaky', tags: [] } }),
      ],
      [
        'editTodo',
        'editTodo',
        () =>
          graphql(server.url, EditTodoDocument, {
            input: { id, content: 'defaced', expectedVersion: 1 },
          }),
      ],
      ['completeTodo', 'completeTodo', () => graphql(server.url, CompleteTodoDocument, { id })],
      ['reopenTodo', 'reopenTodo', () => graphql(server.url, ReopenTodoDocument, { id })],
      ['tagTodo', 'tagTodo', () => graphql(server.url, TagTodoDocument, { id, tags: ['defaced'] })],
      [
        'untagTodo',
        'untagTodo',
        () => graphql(server.url, UntagTodoDocument, { id, tags: ['mine'] }),
      ],
      ['deleteTodo', 'deleteTodo', () => graphql(server.url, DeleteTodoDocument, { id })],
    ] as const;

    it.each(calls)(
      'answers %s with UNAUTHENTICATED and no data, and changes nothing',
      async (_, field, call) => {
        const response = await call();
        const nullable = field === 'todo' || field === 'node';
        expect(response.body.data).toEqual(nullable ? { [field]: null } : null);
        expect(response.body.errors).toHaveLength(1);
        expect(response.body.errors?.[0]).toMatchObject({
          path: [field],
          extensions: { code: 'UNAUTHENTICATED' },
        });
        const stored = await graphql(server.url, TodoDocument, { id }, ada);
        expect(stored.body.data?.todo).toMatchObject({
          content: 'not for strangers',
          tags: ['mine'],
          completed: false,
          version: 1,
        });
      },
    );
  });
});

describe('todo times over HTTP, on a clock the test moves', () => {
  let server: TestServer;
  const clock = new FixedClock(new Date('2026-03-01T08:00:00.000Z'));
  let emails = 0;

  const signUp = async () => {
    emails += 1;
    const response = await graphql(server.url, RegisterDocument, {
      input: {
        email: `timed${emails}@example.com`,
        password: 'a long enough password',
        displayName: `timed ${emails}`,
      },
    });
    return { authorization: `Bearer ${response.body.data?.register.auth?.accessToken}` };
  };
  /** Creates a todo one second after the last change, so no two share a time. */
  const create = async (headers: Record<string, string>, content: string) => {
    clock.advance(1_000);
    const response = await graphql(
      server.url,
      CreateTodoDocument,
      { input: { content, tags: [] } },
      headers,
    );
    const todo = response.body.data?.createTodo.todo;
    if (!todo) {
      throw new Error(JSON.stringify(response.body));
    }
    return todo;
  };
  const edit = async (headers: Record<string, string>, id: string, content: string) => {
    clock.advance(1_000);
    const stored = await graphql(server.url, TodoDocument, { id }, headers);
    const response = await graphql(
      server.url,
      EditTodoDocument,
      { input: { id, content, expectedVersion: stored.body.data?.todo?.version ?? 0 } },
      headers,
    );
    return response.body.data?.editTodo.todo;
  };

  beforeAll(async () => {
    server = await startTestServer({
      configure: (container) => container.rebind(CLOCK).toConstantValue(clock),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('stamps createdAt once, and updatedAt and completedAt at each change', async () => {
    const headers = await signUp();
    const todo = await create(headers, 'water the plants');
    const made = clock.now().toISOString();
    expect(todo).toMatchObject({ createdAt: made, updatedAt: made, completedAt: null });

    const edited = await edit(headers, todo.id, 'water the garden');
    const editedAt = clock.now().toISOString();
    expect(editedAt).not.toBe(made);
    expect(edited).toMatchObject({ createdAt: made, updatedAt: editedAt, completedAt: null });

    clock.advance(60_000);
    const done = await graphql(server.url, CompleteTodoDocument, { id: todo.id }, headers);
    const doneAt = clock.now().toISOString();
    expect(done.body.data?.completeTodo.todo).toMatchObject({
      createdAt: made,
      updatedAt: doneAt,
      completedAt: doneAt,
      completed: true,
    });

    clock.advance(60_000);
    const read = await graphql(server.url, TodoDocument, { id: todo.id }, headers);
    expect(read.body.data?.todo).toMatchObject({
      createdAt: made,
      updatedAt: doneAt,
      completedAt: doneAt,
    });
    const reopened = await graphql(server.url, ReopenTodoDocument, { id: todo.id }, headers);
    expect(reopened.body.data?.reopenTodo.todo).toMatchObject({
      createdAt: made,
      updatedAt: clock.now().toISOString(),
      completedAt: null,
      completed: false,
    });
  });

  it('orders by CREATED_AT and UPDATED_AT, either way, by the stored times', async () => {
    const headers = await signUp();
    const first = await create(headers, 'made first');
    const second = await create(headers, 'made second');
    const third = await create(headers, 'made third');
    // Edited after the third was made: by updatedAt the order is third, first, second.
    await edit(headers, first.id, 'made first, edited first');
    await edit(headers, second.id, 'made second, edited last');

    const idsBy = async (field: 'CREATED_AT' | 'UPDATED_AT', direction: 'ASC' | 'DESC') => {
      const response = await graphql(
        server.url,
        TodosDocument,
        { first: 10, orderBy: { field, direction } },
        headers,
      );
      expect(response.body.errors).toBeUndefined();
      return response.body.data?.todos.edges.map((edge) => edge.node.id);
    };
    expect(await idsBy('CREATED_AT', 'ASC')).toEqual([first.id, second.id, third.id]);
    expect(await idsBy('CREATED_AT', 'DESC')).toEqual([third.id, second.id, first.id]);
    expect(await idsBy('UPDATED_AT', 'ASC')).toEqual([third.id, first.id, second.id]);
    expect(await idsBy('UPDATED_AT', 'DESC')).toEqual([second.id, first.id, third.id]);
  });

  it('pages by UPDATED_AT ASC, each page starting at its first edge’s cursor', async () => {
    const headers = await signUp();
    const first = await create(headers, 'one');
    const second = await create(headers, 'two');
    const third = await create(headers, 'three');
    await edit(headers, first.id, 'one, edited');
    const orderBy = { field: 'UPDATED_AT', direction: 'ASC' } as const;

    const one = await graphql(server.url, TodosDocument, { first: 2, orderBy }, headers);
    const page = one.body.data?.todos;
    expect(page?.edges.map((edge) => edge.node.id)).toEqual([second.id, third.id]);
    expect(page?.totalCount).toBe(3);
    expect(page?.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page?.edges[0]?.cursor,
      endCursor: page?.edges[1]?.cursor,
    });
    expect(page?.pageInfo.startCursor).not.toBe(page?.pageInfo.endCursor);

    const two = await graphql(
      server.url,
      TodosDocument,
      { first: 2, after: page?.pageInfo.endCursor, orderBy },
      headers,
    );
    const rest = two.body.data?.todos;
    expect(rest?.edges.map((edge) => edge.node.id)).toEqual([first.id]);
    expect(rest?.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: rest?.edges[0]?.cursor,
      endCursor: rest?.edges[0]?.cursor,
    });
  });

  it('answers an empty page with null cursors', async () => {
    const headers = await signUp();
    const response = await graphql(server.url, TodosDocument, { first: 5 }, headers);
    expect(response.body).toEqual({
      data: {
        todos: {
          totalCount: 0,
          edges: [],
          pageInfo: {
            hasNextPage: false,
            hasPreviousPage: false,
            startCursor: null,
            endCursor: null,
          },
        },
      },
    });
  });
});
