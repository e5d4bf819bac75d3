import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { buildGraphQLSchema, renderSchema } from '#app/schema.js';
import codegenConfig from '../../codegen.js';

describe('committed schema artefacts', () => {
  it('schema/schema.graphql matches the running schema (run `npm run schema`)', async () => {
    const committed = readFileSync('schema/schema.graphql', 'utf8');
    expect(renderSchema(await buildGraphQLSchema())).toBe(committed);
  });

  it('schema/generated matches what codegen makes of schema/ (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...codegenConfig, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(readFileSync(filename, 'utf8'), filename).toBe(content);
    }
  });
});
