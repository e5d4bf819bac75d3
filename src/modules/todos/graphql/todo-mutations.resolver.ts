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
  @Mutation(() => CreateTodoPayloadType, { description: 'Creates a todo for the viewer.' })
  async createTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateTodoInput, { description: 'Its content and tags.' })
    input: CreateTodoInput,
  ) {
    return payloadOf('todo', await this.create.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => EditTodoPayloadType, { description: 'Stale expectedVersion: VERSION_CONFLICT.' })
  async editTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => EditTodoInput, { description: 'Which todo, its new content, its version.' })
    input: EditTodoInput,
  ) {
    return payloadOf('todo', await this.edit.execute({ ownerId: viewer.userId, ...input }));
  }

  @Authorized()
  @Mutation(() => CompleteTodoPayloadType, {
    description: 'Marks the todo completed; completing it again changes nothing.',
  })
  async completeTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: "The todo, one of the viewer's." }) id: string,
  ) {
    return payloadOf('todo', await this.complete.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => ReopenTodoPayloadType, { description: 'Marks a completed todo open again.' })
  async reopenTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: "The todo, one of the viewer's." }) id: string,
  ) {
    return payloadOf('todo', await this.reopen.execute({ ownerId: viewer.userId, id }));
  }

  @Authorized()
  @Mutation(() => TagTodoPayloadType, { description: 'Adds tags (TOO_MANY_TAGS past 20).' })
  async tagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: "The todo, one of the viewer's." }) id: string,
    @Arg('tags', () => [String], { description: 'Tags: a-z, 0-9 and -; at most 20 in all.' })
    tags: string[],
  ) {
    return payloadOf('todo', await this.tag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => UntagTodoPayloadType, { description: 'Removes tags; absent ones are ignored.' })
  async untagTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: "The todo, one of the viewer's." }) id: string,
    @Arg('tags', () => [String], { description: 'Tags: a-z, 0-9 and -; at most 20 in all.' })
    tags: string[],
  ) {
    return payloadOf('todo', await this.untag.execute({ ownerId: viewer.userId, id, tags }));
  }

  @Authorized()
  @Mutation(() => DeleteTodoPayloadType, {
    description: "Deletes the todo for good. NOT_FOUND if it is not the viewer's.",
  })
  async deleteTodo(
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: "The todo, one of the viewer's." }) id: string,
  ) {
    return payloadOf('deletedId', await this.remove.execute({ ownerId: viewer.userId, id }));
  }
}
