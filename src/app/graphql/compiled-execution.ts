import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  isAbstractType,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { GraphQLContext } from '#shared/graphql/context.js';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** A document's operation: seen once, compiled, or not compilable (graphql-js runs it). */
type State = 'seen' | 'not-compilable' | CompiledQuery;

/**
 * Compiled execution behind Apollo Server (ADR 27). Apollo still receives, parses,
 * validates (with the request limits), runs every plugin and formats every error; only
 * the execution of a query is handed over, through Apollo's executor hook (the one its
 * gateway uses), to graphql-jit, which compiles each document into one function instead of
 * walking the document field by field. A document is compiled the second time it runs (a
 * one-off query costs no compilation); Apollo's document cache hands back the same
 * document object for the same query, so compiled queries live exactly as long as the
 * cached documents do. Mutations and subscriptions run through graphql-js: they are not
 * the hot path, and their field-by-field order is graphql-js's own.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  assertCompilable(schema);
  const documents = new WeakMap<DocumentNode, Map<string, State>>();

  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = documents.get(document);
    if (!byOperation) {
      byOperation = new Map();
      documents.set(document, byOperation);
    }
    const key = operationName ?? '';
    let state = byOperation.get(key);
    if (state === undefined) {
      byOperation.set(key, 'seen');
      return null;
    }
    if (state === 'seen') {
      const compiled = compileQuery(schema, document, operationName ?? undefined);
      state = isCompiledQuery(compiled) ? compiled : 'not-compilable';
      byOperation.set(key, state);
    }
    return state === 'not-compilable' ? null : state;
  };

  const executor: Executor = async (request) => {
    const variables = request.request.variables ?? {};
    const run = () =>
      execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: variables,
        operationName: request.operationName,
      });
    const compiled =
      request.operation.operation === 'query'
        ? compiledFor(request.document, request.operationName)
        : null;
    if (!compiled) {
      return run();
    }
    const result = await compiled.query(undefined, request.context, variables);
    // No data at all: the variables were refused before any field ran. graphql-js words
    // that refusal the way Apollo recognises (400, BAD_USER_INPUT), so it answers instead.
    if (result.data === undefined && result.errors) {
      return run();
    }
    return asGraphQLJs(result);
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit calls an interface's or union's resolveType without awaiting it: one that
 * returns a promise would fail every compiled query through it. Refused at start instead.
 */
function assertCompilable(schema: GraphQLSchema): void {
  const asynchronous = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => type.resolveType?.constructor.name === 'AsyncFunction')
    .map((type) => type.name);
  if (asynchronous.length > 0) {
    throw new Error(
      `Compiled execution needs resolveType to answer synchronously; it returns a promise for ${asynchronous.join(', ')}.`,
    );
  }
}

/**
 * graphql-jit's errors are its own GraphQLError look-alikes, without `extensions` when the
 * thrown error had none; Apollo and the error formatter expect graphql-js's. Remade as
 * graphql-js errors, with the same message, locations, path, original error and extensions.
 */
function asGraphQLJs(result: ExecutionResult): ExecutionResult {
  if (!result.errors) {
    return result;
  }
  return {
    ...result,
    errors: result.errors.map((error) => {
      const remade = new GraphQLError(error.message, {
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions,
      });
      // graphql-js computes locations from nodes and sources; graphql-jit carries them.
      (remade as { locations: GraphQLError['locations'] }).locations = error.locations;
      return remade;
    }),
  };
}
