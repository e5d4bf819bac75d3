import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildGraphQLSchema, renderSchema } from '#app/schema.js';

export const SCHEMA_FILE = 'schema/schema.graphql';

writeFileSync(SCHEMA_FILE, renderSchema(await buildGraphQLSchema()));
console.log(`Wrote ${SCHEMA_FILE}`);
