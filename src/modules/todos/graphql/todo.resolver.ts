import { inject, injectable } from 'inversify';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import { connectionOf, PAGE_SIZE_DEFAULT, pageRequest } from '#shared/graphql/connection.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { badUserInput, toGraphQLError } from '#shared/graphql/errors.js';
import {
  ListTagsHandler,
  ListTodosHandler,
  type TagCountView,
  type TodoView,
} from '../application/index.js';
import { TodoConnectionType } from './todo.connection.js';
import { todoCursor } from './todo.cursor.js';
import { checkFilter } from './todo.filter.js';
import { TodoFilterInput, TodoOrderInput } from './todo.inputs.js';
import { TagCountType, TodoType } from './todo.type.js';

@injectable()
@Resolver(() => TodoType)
export class TodoResolver {
  constructor(
    @inject(ListTodosHandler) private readonly listTodos: ListTodosHandler,
    @inject(ListTagsHandler) private readonly listTags: ListTagsHandler,
  ) {}

  @Authorized()
  @Query(() => TodoType, { nullable: true, description: "One of the viewer's todos." })
  todo(
    @Arg('id', () => ID, { description: "The todo; null if it is not the viewer's." }) id: string,
    @Ctx() context: GraphQLContext,
  ) {
    return context.loaders.todos.load(id);
  }

  @Authorized()
  @Query(() => TodoConnectionType, {
    description:
      "The viewer's todos, a page at a time: `first` after `after` forward, or `last` before `before` backward.",
  })
  async todos(
    @CurrentViewer() viewer: Viewer,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Page size forward, 1 to 100 (else BAD_USER_INPUT); ${PAGE_SIZE_DEFAULT} when neither first nor last is given.`,
    })
    first: number | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'An endCursor (or any edge cursor) of this list with the same filter and order.',
    })
    after: string | null,
    @Arg('last', () => Int, {
      nullable: true,
      description:
        'Page size backward, 1 to 100: the todos just before `before`, or the last ones of the list.',
    })
    last: number | null,
    @Arg('before', () => String, {
      nullable: true,
      description:
        'A startCursor (or any edge cursor) of this list with the same filter and order; pages backward.',
    })
    before: string | null,
    @Arg('filter', () => TodoFilterInput, { nullable: true, description: 'Which todos.' })
    filter: TodoFilterInput | null,
    @Arg('orderBy', () => TodoOrderInput, {
      nullable: true,
      description: 'Newest first by default; by relevance when searching.',
    })
    orderBy: TodoOrderInput | null,
  ): Promise<TodoConnectionType> {
    const checked = checkFilter(filter);
    const order = orderBy ?? {
      field: checked.search ? ('RELEVANCE' as const) : ('CREATED_AT' as const),
      direction: 'DESC' as const,
    };
    if (order.field === 'RELEVANCE' && !checked.search) {
      throw badUserInput('Ordering by RELEVANCE needs filter.search.', 'orderBy');
    }
    const cursor = todoCursor(order, checked);
    const result = await this.listTodos.execute({
      ownerId: viewer.userId,
      ...pageRequest({ first, after, last, before }, cursor.decode),
      filter: checked,
      order,
    });
    if (!result.ok) {
      throw toGraphQLError(result.error);
    }
    const page = result.value;
    const connection = connectionOf(page, ({ todo, key }) => ({
      cursor: cursor.encode({ key, id: todo.id }),
      node: todo,
    }));
    return { ...connection, totalCount: page.totalCount };
  }

  @Authorized()
  @Query(() => [TagCountType], { description: "The viewer's tags, most used first." })
  tags(@CurrentViewer() viewer: Viewer): Promise<TagCountView[]> {
    return this.listTags.execute({ ownerId: viewer.userId });
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is completed (completedAt is set).' })
  completed(@Root() todo: TodoView): boolean {
    return todo.completedAt !== null;
  }
}
