import { describe, expect, it } from 'vitest';
import type { ListUsersHandler, UserView } from '#modules/identity/application/index.js';
import { UserResolver } from '#modules/identity/graphql/user.resolver.js';
import type { Viewer } from '#shared/application/viewer.js';
import type { GraphQLContext } from '#shared/graphql/context.js';

const ada: UserView = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  displayName: 'Ada',
  role: 'USER',
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

const contextFor = (viewer: Viewer | null, proven: string[] = []) =>
  ({ viewer, provenUserIds: new Set(proven) }) as unknown as GraphQLContext;

describe('User.email', () => {
  const resolver = new UserResolver({} as ListUsersHandler);

  it('is shown to the user themself', () => {
    expect(resolver.email(ada, contextFor({ userId: ada.id, role: 'USER' }))).toBe(
      'ada@example.com',
    );
  });

  it('is shown to admins', () => {
    const admin = { userId: '00000000-0000-4000-8000-000000000009', role: 'ADMIN' };
    expect(resolver.email(ada, contextFor(admin))).toBe('ada@example.com');
  });

  it('is null for other signed-in users and for anonymous callers', () => {
    const other = { userId: '00000000-0000-4000-8000-000000000002', role: 'USER' };
    expect(resolver.email(ada, contextFor(other))).toBeNull();
    expect(resolver.email(ada, contextFor(null))).toBeNull();
  });

  it('is shown to a caller who proved to be that user in this request (signed in)', () => {
    expect(resolver.email(ada, contextFor(null, [ada.id]))).toBe('ada@example.com');
  });
});
