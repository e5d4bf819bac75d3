import { injectable } from 'inversify';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { UserView } from '#modules/identity/application/index.js';
import { UserType } from '#modules/identity/graphql/user.type.js';
import type { TodoView } from '#modules/todos/application/index.js';
import { TodoType } from '#modules/todos/graphql/index.js';
import type { GraphQLContext } from '#shared/graphql/context.js';

/**
 * `Todo.owner` joins two modules, so it lives in the composition root: todos keeps only the
 * owner's id, and identity's per-request loader turns ids into users, one read per request.
 */
@injectable()
@Resolver(() => TodoType)
export class TodoOwnerResolver {
  @FieldResolver(() => UserType, {
    description: 'Who the todo belongs to: always the viewer today.',
  })
  owner(@Root() todo: TodoView, @Ctx() context: GraphQLContext): UserView | Promise<UserView> {
    // The viewer (every todo's owner today) was read with the session: no promise per todo.
    return context.loaders.users.known(todo.ownerId) ?? this.load(todo, context);
  }

  private async load(todo: TodoView, context: GraphQLContext): Promise<UserView> {
    const owner = await context.loaders.users.load(todo.ownerId);
    if (!owner) {
      throw new Error(`Todo ${todo.id} has no owner ${todo.ownerId}.`);
    }
    return owner;
  }
}
