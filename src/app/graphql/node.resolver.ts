import { injectable } from 'inversify';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Role } from '#modules/identity/application/index.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { asNode, NodeInterface } from '#shared/graphql/node.js';

/**
 * `node(id)` spans every module that has nodes, so it lives in the composition root. Ids
 * are UUIDs unique across types: the id is looked up, through each module's per-request
 * loader, as each type the viewer may see, all at once; at most one can match.
 */
@injectable()
@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => NodeInterface, {
    nullable: true,
    description:
      "Refetch a node by id: one of the viewer's todos or predictions, the viewer's own user, or (admins) any user.",
  })
  async node(
    @Arg('id', () => ID, { description: 'Any node id; null when it is not visible to the viewer.' })
    id: string,
    @Ctx() context: GraphQLContext,
  ) {
    const { loaders, viewer } = context;
    const seesUser = viewer?.userId === id || viewer?.role === Role.Admin;
    const [todo, prediction, user] = await Promise.all([
      loaders.todos.load(id),
      loaders.predictions.load(id),
      seesUser ? loaders.users.load(id) : null,
    ]);
    if (todo) {
      return asNode('Todo', todo);
    }
    if (prediction) {
      return asNode('Prediction', prediction);
    }
    if (user) {
      return asNode('User', user);
    }
    return null;
  }
}
