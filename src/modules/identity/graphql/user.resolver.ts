import { inject, injectable } from 'inversify';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize, connectionOf, PAGE_SIZE_ARG } from '#shared/graphql/connection.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { timeKeysetCursor } from '#shared/graphql/cursor.js';
import { unauthenticated } from '#shared/graphql/errors.js';
import { ListUsersHandler, Role, type UserView } from '../application/index.js';
import { UserConnectionType } from './user.connection.js';
import { UserType } from './user.type.js';

const userCursor = timeKeysetCursor('users', 'createdAt');

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
  user(
    @Arg('id', () => ID, { description: 'A user id; null if there is no such user.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<UserView | null> {
    return context.loaders.users.load(id);
  }

  @Authorized(Role.Admin)
  @Query(() => UserConnectionType, { description: 'Every user, oldest first. Admins only.' })
  async users(
    @Arg('first', () => Int, PAGE_SIZE_ARG)
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'An endCursor of this list.' })
    after: string | null,
  ): Promise<UserConnectionType> {
    const page = await this.listUsers.execute({
      first: checkPageSize(first),
      after: after ? userCursor.decode(after) : null,
    });
    const edgeOf = (node: UserView) => ({ cursor: userCursor.encode(node), node });
    return { ...connectionOf(page, edgeOf), totalCount: page.totalCount };
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
