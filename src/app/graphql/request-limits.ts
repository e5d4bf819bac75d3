import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { PAGE_SIZE_DEFAULT } from '#shared/graphql/connection.js';
import type { GraphQLContext } from '#shared/graphql/context.js';
import { ErrorCode, limitExceeded } from '#shared/graphql/errors.js';
import { SCORES_TEXTS, type ScoresTextsOptions } from '#shared/graphql/scores-texts.decorator.js';
import type { RequestLimits } from '#shared/infrastructure/config/config.js';

/** graphql-armor's messages end with what was found: "… limit of 30 exceeded, found 31." */
const FOUND = /found (\d+)\.$/;

function reportedAs(code: ErrorCode, what: string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = FOUND.exec(error.message);
    context?.reportError(
      limitExceeded(
        code,
        `The operation has more than ${limit} ${what}.`,
        limit,
        found ? Number(found[1]) : null,
      ),
    );
  };
}

/**
 * Depth, aliases and directives, checked while the document is validated (graphql-armor's
 * rules, fragments followed, cycles safe). Tokens are counted by the parser itself
 * (`parseOptions.maxTokens`), so an oversized document is never fully parsed.
 */
export function limitRules(limits: RequestLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.depth,
      onReject: [reportedAs(ErrorCode.MaxDepthExceeded, 'levels of nesting', limits.depth)],
    }),
    maxAliasesRule({
      ...common,
      n: limits.aliases,
      // graphql-armor lets `__typename` aliases through by default: 600,000 of them block.
      allowList: [],
      onReject: [reportedAs(ErrorCode.MaxAliasesExceeded, 'aliases', limits.aliases)],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.directives,
      onReject: [reportedAs(ErrorCode.MaxDirectivesExceeded, 'directives', limits.directives)],
    }),
  ] as ValidationRule[];
}

/** The page a list field asks for (`first` or `last`, else the default); null elsewhere. */
const pageSize = (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>) => {
  for (const name of ['first', 'last']) {
    if (typeof args[name] === 'number') {
      return Math.max(0, args[name]);
    }
  }
  return field.args.some((arg) => arg.name === 'first' || arg.name === 'last')
    ? PAGE_SIZE_DEFAULT
    : null;
};

/**
 * The cost model (after GitHub's and Shopify's): a field returning objects costs 1, a
 * scalar 0, and a field taking `first` (or `last`) multiplies what it selects by the page size. Introspection
 * is free: it is off in production, and a schema explorer must work anonymously.
 */
const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) {
    return 0;
  }
  const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
  const first = pageSize(field, args);
  return own + (first === null ? childComplexity : first * childComplexity);
};

/** Texts the operation may send to the model: `@ScoresTexts` fields, times their pages. */
const textsEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const scores = field.extensions?.[SCORES_TEXTS] as ScoresTextsOptions | undefined;
  let own = 0;
  if (scores) {
    const list = scores.argument === undefined ? null : args[scores.argument];
    own = Array.isArray(list) ? Math.min(list.length, scores.atMost ?? list.length) : 1;
  }
  const first = pageSize(field, args);
  return own + (first === null ? childComplexity : first * childComplexity);
};

export interface OperationWeight {
  readonly cost: number;
  readonly texts: number;
}

/**
 * The weight of one operation of a document, with its variables; null when the variables
 * do not fit the operation, which execution then refuses with its own error.
 */
export function weighOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): OperationWeight | null {
  const measure = (estimator: ComplexityEstimator) =>
    getComplexity({ schema, query: document, operationName, variables, estimators: [estimator] });
  try {
    return { cost: measure(costEstimator), texts: measure(textsEstimator) };
  } catch (error) {
    if (error instanceof GraphQLError) {
      return null;
    }
    throw error;
  }
}

/** Variables longer than this (as JSON) are weighed every time rather than remembered. */
const CACHED_VARIABLES_MAX = 1_024;
/** Weights remembered per document: its operations with their most recent variables. */
const WEIGHTS_PER_DOCUMENT = 64;

/**
 * Weights already computed, per parsed document (Apollo hands the same DocumentNode for the
 * same query text) and per operation and variables: clients send the same few operations
 * with the same page sizes over and over, and weighing walks the whole document twice.
 */
class WeightCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, OperationWeight | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  weigh(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown> | undefined,
  ): OperationWeight | null {
    const json = variables === undefined ? '' : JSON.stringify(variables);
    if (json.length > CACHED_VARIABLES_MAX) {
      return weighOperation(this.schema, document, operationName, variables);
    }
    let known = this.byDocument.get(document);
    if (!known) {
      known = new Map();
      this.byDocument.set(document, known);
    }
    const key = `${operationName ?? ''}\u0000${json}`;
    if (known.has(key)) {
      return known.get(key) ?? null;
    }
    const weight = weighOperation(this.schema, document, operationName, variables);
    if (known.size >= WEIGHTS_PER_DOCUMENT) {
      known.delete(known.keys().next().value as string);
    }
    known.set(key, weight);
    return weight;
  }
}

/**
 * Refuses, before execution, an operation over the caller's cost budget (smaller for
 * anonymous callers) or one that would send more texts to the model than a request may.
 */
export function requestLimitsPlugin(
  schema: GraphQLSchema,
  limits: RequestLimits,
): ApolloServerPlugin<GraphQLContext> {
  const weights = new WeightCache(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const weight = weights.weigh(
            document,
            request.operationName ?? undefined,
            request.variables,
          );
          if (!weight) {
            return;
          }
          contextValue.trace.cost = weight.cost;
          const budget = contextValue.viewer ? limits.cost : limits.anonymousCost;
          if (weight.cost > budget) {
            throw limitExceeded(
              ErrorCode.MaxCostExceeded,
              contextValue.viewer
                ? `The operation costs ${weight.cost}, over the budget of ${budget}: ask for smaller pages or fewer fields.`
                : `The operation costs ${weight.cost}, over the anonymous budget of ${budget}: sign in, or ask for less.`,
              budget,
              weight.cost,
            );
          }
          if (weight.texts > limits.textsPerRequest) {
            throw limitExceeded(
              ErrorCode.MaxTextsExceeded,
              `The operation could score ${weight.texts} texts; one request may score at most ${limits.textsPerRequest}.`,
              limits.textsPerRequest,
              weight.texts,
            );
          }
        },
      };
    },
  };
}
