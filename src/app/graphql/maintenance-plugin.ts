import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { MaintenanceMonitor } from '#modules/operations/application/index.js';
import { MAINTENANCE_EXEMPT_FIELDS } from '#modules/operations/graphql/index.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { ErrorCode } from '#shared/graphql/error-codes.js';

const RETRY_AFTER_SECONDS = '30';

/** While maintenance mode is on, any operation that selects a non-exempt root field gets 503. */
export function maintenancePlugin(monitor: MaintenanceMonitor): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document }) {
          if (!monitor.current.enabled || !operation || onlyExemptFields(operation, document)) {
            return;
          }
          throw new GraphQLError('The service is in maintenance mode. Try again later.', {
            extensions: {
              code: ErrorCode.Maintenance,
              http: { status: 503, headers: new Map([['retry-after', RETRY_AFTER_SECONDS]]) },
            },
          });
        },
      };
    },
  };
}

/**
 * Exempt when every root field is exempt and at least one is: a root `__typename` proves
 * nothing either way, so `{ __typename }` (a common API ping) still reports maintenance.
 */
function onlyExemptFields(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fields = rootFieldNames(operation.selectionSet, document);
  const asked = fields.filter((name) => name !== '__typename');
  return asked.length > 0 && asked.every((name) => MAINTENANCE_EXEMPT_FIELDS.has(name));
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
