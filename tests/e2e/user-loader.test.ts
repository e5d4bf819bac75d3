import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAdminHandler, RegisterUserHandler } from '#modules/identity/application/index.js';
import {
  USER_READ_MODEL,
  type UserReadModel,
} from '#modules/identity/application/ports/user.read-model.js';
import { DrizzleUserReadModel } from '#modules/identity/infrastructure/drizzle-user.read-model.js';
import { DatabaseContext } from '#shared/infrastructure/database/database-context.js';
import { LoginDocument } from '../../schema/generated/graphql.js';
import { graphql, postGraphQL } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('users through the per-request DataLoader', () => {
  let server: TestServer;
  const batches: string[][] = [];
  let token: string;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      configure: (container) => {
        container.rebind(USER_READ_MODEL).toDynamicValue((context) => {
          const real = new DrizzleUserReadModel(context.get(DatabaseContext));
          const counting: UserReadModel = {
            findByIds: (batch) => {
              batches.push([...batch]);
              return real.findByIds(batch);
            },
            page: (request) => real.page(request),
            count: () => real.count(),
          };
          return counting;
        });
      },
    });
    await server.app.container.get(CreateAdminHandler).execute({
      email: 'root@example.com',
      password: 'an administrator password',
      displayName: 'Root',
    });
    for (const name of ['a', 'b', 'c']) {
      const result = await server.app.container.get(RegisterUserHandler).execute({
        email: `${name}@example.com`,
        password: 'a long enough password',
        displayName: name,
      });
      ids.push(result.ok ? result.value.user.id : '');
    }
    const login = await graphql(server.url, LoginDocument, {
      input: { email: 'root@example.com', password: 'an administrator password' },
    });
    token = login.body.data?.login.auth?.accessToken ?? '';
  });
  afterAll(async () => {
    await server.close();
  });

  it('loads every user a request asks for in one read, each id once', async () => {
    batches.length = 0;
    const query = `{
      me { id }
      first: user(id: "${ids[0]}") { displayName }
      second: user(id: "${ids[1]}") { displayName }
      again: user(id: "${ids[0]}") { displayName }
      third: user(id: "${ids[2]}") { displayName }
    }`;
    const response = await postGraphQL<Record<string, { displayName?: string } | null>>(
      server.url,
      { query },
      { authorization: `Bearer ${token}` },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.first?.displayName).toBe('a');
    expect(response.body.data?.third?.displayName).toBe('c');
    expect(batches).toHaveLength(1);
    // Three distinct users; the viewer (`me`) came with the session, read already.
    expect(batches[0]).toHaveLength(3);
  });

  it('does not share its cache between requests', async () => {
    batches.length = 0;
    const query = `{ user(id: "${ids[0]}") { displayName } }`;
    await postGraphQL(server.url, { query }, { authorization: `Bearer ${token}` });
    await postGraphQL(server.url, { query }, { authorization: `Bearer ${token}` });
    expect(batches).toHaveLength(2);
  });
});
