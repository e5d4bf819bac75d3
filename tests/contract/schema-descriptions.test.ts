import 'reflect-metadata';
import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '#app/schema.js';

/** Every place of the schema a frontend developer reads in an explorer or a typed client. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) {
      continue;
    }
    if (!type.description) {
      missing.push(`type ${type.name}`);
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) {
          missing.push(`field ${type.name}.${field.name}`);
        }
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) {
            missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) {
          missing.push(`enum value ${type.name}.${value.name}`);
        }
      }
    }
  }
  return missing;
}

describe('the schema a frontend developer reads', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  it('describes every type, field, argument and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('states the page-size limit on every paged field', () => {
    const query = schema.getQueryType();
    for (const name of ['todos', 'users', 'predictions']) {
      const first = query?.getFields()[name]?.args.find((arg) => arg.name === 'first');
      expect(first?.description, name).toMatch(/1 to 100/);
    }
  });
});
