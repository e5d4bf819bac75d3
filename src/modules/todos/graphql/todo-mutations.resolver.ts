import { inject, injectable } from 'inversify';
import { Arg, Authorized, ID, Mutation, Resolver } from 'type-graphql';
import type { Viewer } from '#shared/application/viewer.js';
import { CurrentViewer } from '#shared/graphql/current-viewer.decorator.js';
import { payloadOf } from '#shared/graphql/payload.js';
import {
  CompleteTodoHandler,
  CreateTodoHandler,
  DeleteTodoHandler,
  EditTodoHandler,
  ReopenTodoHandler,
  TagTodoHandler,
  UntagTodoHandler,
} from '../application/index.js';
import { CreateTodoInput, EditTodoInput } from './todo.inputs.js';
import {
  CompleteTodoPayloadType,
  CreateTodoPayloadType,
  DeleteTodoPayloadType,
  EditTodoPayloadType,
  ReopenTodoPayloadType,
  TagTodoPayloadType,
  UntagTodoPayloadType,
} from './todo.payloads.js';

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
  @Mutation(() => CreateTodoPayloadType)
  async createTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateTodoInput) input: CreateTodoInput,
  ) {
    return payloadOf('todo', await this.create.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => EditTodoPayloadType, { description: 'Stale expectedVersion: VERSION_CONFLICT.' })
  async editTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => EditTodoInput) input: EditTodoInput,
  ) {
    return payloadOf('todo', await this.edit.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => CompleteTodoPayloadType)
  async completeTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    return payloadOf('todo', await this.complete.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => ReopenTodoPayloadType)
  async reopenTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    return payloadOf('todo', await this.reopen.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => TagTodoPayloadType)
  async tagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
  ) {
    return payloadOf('todo', await this.tag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => UntagTodoPayloadType)
  async untagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
  ) {
    return payloadOf('todo', await this.untag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => DeleteTodoPayloadType)
  async deleteTodo(@CurrentViewer() viewer: Viewer, @Arg('id', () => ID) id: string) {
    return payloadOf('deletedId', await this.remove.execute({ ownerId: viewer.userId, id }));
  }
}
