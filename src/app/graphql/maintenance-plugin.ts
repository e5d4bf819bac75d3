import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { MaintenanceMonitor } from '../../modules/operations/application/index.js';
import { MAINTENANCE_EXEMPT_FIELDS } from '../../modules/operations/graphql/index.js';
import type { GraphQLContext } from '../../shared/graphql/context.js';
import { ErrorCode } from '../../shared/graphql/error-codes.js';

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

function onlyExemptFields(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) {
        return MAINTENANCE_EXEMPT_FIELDS.has(selection.name.value);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return visit(selection.selectionSet, seen);
      }
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) {
        return true;
      }
      return visit(fragment.selectionSet, new Set([...seen, name]));
    });
  return visit(operation.selectionSet, new Set());
}
