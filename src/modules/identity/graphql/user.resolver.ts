import { inject, injectable } from 'inversify';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { isUuid } from '#shared/domain/ids.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { badUserInput, unauthenticated } from '#shared/graphql/errors.js';
import { checkPageSize, decodeCursor, encodeCursor, pageInfoOf } from '#shared/graphql/relay.js';
import { ListUsersHandler, Role, type UserView } from '../application/index.js';
import { UserConnectionType } from './user.connection.js';
import { UserType } from './user.type.js';

const CURSOR_KIND = 'users';

function decodeUserCursor(cursor: string): { createdAt: Date; id: string } {
  const position = decodeCursor(CURSOR_KIND, cursor, ['createdAt', 'id']);
  const createdAt = new Date(position.createdAt);
  if (Number.isNaN(createdAt.getTime()) || !isUuid(position.id)) {
    throw badUserInput('The cursor is not valid for this list.', 'after');
  }
  return { createdAt, id: position.id };
}

@injectable()
@Resolver(() => UserType)
export class UserResolver {
  constructor(@inject(ListUsersHandler) private readonly listUsers: ListUsersHandler) {}

  @Query(() => UserType, {
    nullable: true,
    description: 'The signed-in user; null when anonymous. UNAUTHENTICATED for bad tokens.',
  })
  async me(@Ctx() context: GraphQLContext): Promise<UserView | null> {
    if (context.credentialsProblem) {
      throw unauthenticated(context.credentialsProblem);
    }
    return context.viewer ? context.loaders.users.load(context.viewer.userId) : null;
  }

  @Authorized(Role.Admin)
  @Query(() => UserType, { nullable: true, description: 'Admins only.' })
  user(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<UserView | null> {
    return context.loaders.users.load(id);
  }

  @Authorized(Role.Admin)
  @Query(() => UserConnectionType, { description: 'Every user, oldest first. Admins only.' })
  async users(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<UserConnectionType> {
    const page = await this.listUsers.execute({
      first: checkPageSize(first),
      after: after ? decodeUserCursor(after) : null,
    });
    const edges = page.users.map((node) => ({
      cursor: encodeCursor(CURSOR_KIND, { createdAt: node.createdAt.toISOString(), id: node.id }),
      node,
    }));
    return {
      edges,
      pageInfo: pageInfoOf(edges, page.hasNextPage),
      totalCount: page.totalCount,
    };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Visible to the user and to admins; null for everyone else.',
  })
  email(@Root() user: UserView, @Ctx() context: GraphQLContext): string | null {
    const viewer = context.viewer;
    const own = viewer?.userId === user.id || context.provenUserIds.has(user.id);
    return own || viewer?.role === Role.Admin ? user.email : null;
  }
}
