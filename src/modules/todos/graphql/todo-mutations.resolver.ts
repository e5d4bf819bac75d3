import { inject, injectable } from 'inversify';
import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import type { DomainError } from '#shared/domain/domain-error.js';
import type { Result } from '#shared/domain/result.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { toUserErrors } from '#shared/graphql/user-error.type.js';
import {
  CompleteTodoHandler,
  CreateTodoHandler,
  DeleteTodoHandler,
  EditTodoHandler,
  ReopenTodoHandler,
  TagTodoHandler,
  type TodoView,
  UntagTodoHandler,
} from '../application/index.js';
import { CreateTodoInput, EditTodoInput } from './todo.inputs.js';
import {
  CompleteTodoPayload,
  CreateTodoPayload,
  DeleteTodoPayload,
  EditTodoPayload,
  ReopenTodoPayload,
  TagTodoPayload,
  type TodoResult,
  UntagTodoPayload,
} from './todo.payloads.js';

const toPayload = (result: Result<TodoView, DomainError | DomainError[]>): TodoResult =>
  result.ok
    ? { todo: result.value, userErrors: [] }
    : { todo: null, userErrors: toUserErrors([result.error].flat()) };

/** Every change to the viewer's todos. Another user's todo id behaves as a missing one. */
@injectable()
@Resolver()
export class TodoMutationsResolver {
  constructor(
    @inject(CreateTodoHandler) private readonly create: CreateTodoHandler,
    @inject(EditTodoHandler) private readonly edit: EditTodoHandler,
    @inject(CompleteTodoHandler) private readonly complete: CompleteTodoHandler,
    @inject(ReopenTodoHandler) private readonly reopen: ReopenTodoHandler,
    @inject(TagTodoHandler) private readonly tag: TagTodoHandler,
    @inject(UntagTodoHandler) private readonly untag: UntagTodoHandler,
    @inject(DeleteTodoHandler) private readonly remove: DeleteTodoHandler,
  ) {}

  @Authorized()
  @Mutation(() => CreateTodoPayload)
  async createTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateTodoInput) input: CreateTodoInput,
  ) {
    return toPayload(await this.create.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => EditTodoPayload, { description: 'Stale expectedVersion: VERSION_CONFLICT.' })
  async editTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => EditTodoInput) input: EditTodoInput,
  ) {
    return toPayload(await this.edit.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => CompleteTodoPayload)
  async completeTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    return toPayload(await this.complete.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => ReopenTodoPayload)
  async reopenTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    return toPayload(await this.reopen.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => TagTodoPayload)
  async tagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
  ) {
    return toPayload(await this.tag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => UntagTodoPayload)
  async untagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
  ) {
    return toPayload(await this.untag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => DeleteTodoPayload)
  async deleteTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    const result = await this.remove.execute({ ownerId: viewer.userId, id });
    return result.ok
      ? { deletedId: result.value, userErrors: [] }
      : { deletedId: null, userErrors: toUserErrors([result.error]) };
  }
}
