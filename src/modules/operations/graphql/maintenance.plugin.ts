import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { maintenance } from '#shared/graphql/errors.js';
import { MAINTENANCE_EXEMPT } from '#shared/graphql/maintenance-exempt.decorator.js';
import type { MaintenanceMonitor } from '../application/index.js';

/** What a client refused by maintenance mode is told to wait. */
export const MAINTENANCE_RETRY_AFTER_SECONDS = 30;

/** Introspection keeps answering, so tools such as the explorer still work. */
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * While maintenance mode is on, any operation that selects a root field not marked
 * `@MaintenanceExempt()` by its module gets 503.
 */
export function maintenancePlugin(monitor: MaintenanceMonitor): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema }) {
          if (operation && refusedInMaintenance(monitor, operation, document, schema)) {
            throw maintenance(MAINTENANCE_RETRY_AFTER_SECONDS);
          }
        },
      };
    },
  };
}

/**
 * Whether maintenance mode refuses this operation now: it is on, and the operation selects
 * a root field its module has not marked `@MaintenanceExempt()`.
 */
export function refusedInMaintenance(
  monitor: MaintenanceMonitor,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
): boolean {
  return monitor.current.enabled && !onlyExemptFields(operation, document, schema);
}

/**
 * Exempt when every root field is exempt and at least one is: a root `__typename` proves
 * nothing either way, so `{ __typename }` (a common API ping) still reports maintenance.
 */
function onlyExemptFields(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
): boolean {
  const root = schema.getRootType(operation.operation);
  const fields = rootFieldNames(operation.selectionSet, document);
  const asked = fields.filter((name) => name !== '__typename');
  return asked.length > 0 && asked.every((name) => isExempt(root, name));
}

function isExempt(root: GraphQLObjectType | null | undefined, name: string): boolean {
  return (
    INTROSPECTION.has(name) || root?.getFields()[name]?.extensions[MAINTENANCE_EXEMPT] === true
  );
}

function rootFieldNames(selectionSet: SelectionSetNode, document: DocumentNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const names: string[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        names.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  visit(selectionSet);
  return names;
}
