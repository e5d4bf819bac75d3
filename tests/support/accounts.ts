import { CreateAdminHandler } from '#modules/identity/application/index.js';
import { LoginDocument } from '../../schema/generated/graphql.js';
import { graphql } from './http.js';
import type { TestServer } from './test-server.js';

/** Creates the administrator Root (as the CLI does) and signs in over HTTP. */
export async function signInAsAdmin(server: TestServer): Promise<{ token: string; id: string }> {
  await server.app.container.get(CreateAdminHandler).execute({
    email: 'root@example.com',
    password: 'an administrator password',
    displayName: 'Root',
  });
  const login = await graphql(server.url, LoginDocument, {
    input: { email: 'root@example.com', password: 'an administrator password' },
  });
  return {
    token: login.body.data?.login.auth?.accessToken ?? '',
    id: login.body.data?.login.auth?.user.id ?? '',
  };
}
