import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import {
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { weighOperation } from '#app/graphql/request-limits.js';
import { buildGraphQLSchema } from '#app/schema.js';
import { loadConfig } from '#shared/infrastructure/config/config.js';

const OPERATIONS_DIR = 'schema/operations';
const PAGE_MAX = 100;
const BATCH_MAX = 1000;
/** Operations a caller runs before signing in, or without an account at all. */
const ANONYMOUS = new Set(['Register', 'Login', 'RefreshSession', 'Logout', 'ServiceContext']);

/** The largest value a client may send for a variable: full pages, full batches. */
function largest(name: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) {
    return largest(name, type.ofType);
  }
  if (isListType(type)) {
    return Array.from({ length: name === 'texts' ? BATCH_MAX : 10 }, () =>
      largest(name, type.ofType),
    );
  }
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields()).map((field) => [field.name, largest(field.name, field.type)]),
    );
  }
  if (isEnumType(type)) {
    return type.getValues()[0]?.value;
  }
  switch (type.name) {
    case 'Int':
      return name === 'first' ? PAGE_MAX : 1;
    case 'Boolean':
      return true;
    case 'ID':
      return '00000000-0000-4000-8000-000000000001';
    default:
      return 'some text';
  }
}

const operations = readdirSync(OPERATIONS_DIR).flatMap((file) => {
  const document = parse(readFileSync(`${OPERATIONS_DIR}/${file}`, 'utf8'));
  return document.definitions
    .filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    )
    .map((operation) => ({ name: operation.name?.value ?? '', document, operation }));
});

describe('request limits against the operations clients send', () => {
  let schema: GraphQLSchema;
  const limits = loadConfig({}).limits;

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  const weigh = ({ name, document, operation }: (typeof operations)[number]) => {
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? []).map((definition) => [
        definition.variable.name.value,
        largest(
          definition.variable.name.value,
          typeFromAST(schema, definition.type as never) as GraphQLInputType,
        ),
      ]),
    );
    const weight = weighOperation(schema, document, name, variables);
    expect(weight, `${name} could not be weighed with its variables`).not.toBeNull();
    return weight as NonNullable<typeof weight>;
  };

  it('finds every operation of the schema/operations files', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations)(
    'lets $name through the default budget with its largest variables',
    (operation) => {
      const weight = weigh(operation);
      const budget = ANONYMOUS.has(operation.name) ? limits.anonymousCost : limits.cost;
      expect(weight.cost).toBeLessThanOrEqual(budget);
      expect(weight.texts).toBeLessThanOrEqual(limits.textsPerRequest);
    },
  );

  it('weighs a page by its size: 100 todos with their owners cost 100 times one', () => {
    const [one, hundred] = [1, 100].map((first) => {
      const document = parse(`{ todos(first: ${first}) { edges { node { id owner { id } } } } }`);
      return weighOperation(schema, document, undefined, {});
    });
    expect(one).toEqual({ cost: 1 + 1 * 3, texts: 0 });
    expect(hundred).toEqual({ cost: 1 + 100 * 3, texts: 0 });
  });

  it('weighs a backward page by last, and a page of no stated size by the default of 20', () => {
    const weigh = (args: string) =>
      weighOperation(
        schema,
        parse(`{ todos${args} { edges { node { id owner { id } } } } }`),
        undefined,
        {},
      );
    expect(weigh('(last: 100)')).toEqual({ cost: 1 + 100 * 3, texts: 0 });
    expect(weigh('')).toEqual({ cost: 1 + 20 * 3, texts: 0 });
    expect(weigh('(before: "x")')).toEqual({ cost: 1 + 20 * 3, texts: 0 });
  });

  it('counts the texts every alias would score, batches by their length and pages by their size', () => {
    const document = parse(`mutation ($t: [String!]!) {
      a: predictSentimentBatch(texts: $t) { predictions { id } }
      b: predictSentimentBatch(texts: $t) { predictions { id } }
      c: predictSentiment(text: "fine") { prediction { id } }
    }`);
    expect(weighOperation(schema, document, undefined, { t: ['x', 'y', 'z'] })?.texts).toBe(7);
    const page = parse('{ todos(first: 40) { edges { node { sentiment { label } } } } }');
    expect(weighOperation(schema, page, undefined, {})?.texts).toBe(40);
  });

  it('leaves variables that do not fit the operation to execution, which refuses them', () => {
    const document = parse('query ($n: Int!) { todos(first: $n) { totalCount } }');
    expect(weighOperation(schema, document, undefined, { n: 'many' })).toBeNull();
  });

  it('gives introspection for free, so an explorer works anonymously', () => {
    const document = parse(
      '{ __schema { types { name fields { name type { name ofType { name } } } } } }',
    );
    expect(weighOperation(schema, document, undefined, {})?.cost).toBe(0);
  });
});
