import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleShapeProblems } from './module-shape.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('./fixtures/shape', import.meta.url));

const BAD = 'src/modules/bad';

// One planted problem per rule, in a module that gets everything wrong once.
const planted = {
  'module-folders': [`${BAD}/utils`, `${BAD}/infrastructure`],
  'module-wiring-function': [`${BAD}/bad.module.ts`],
  'application-folders': [`${BAD}/application/loose-helper.ts`],
  'command-files': [
    `${BAD}/application/commands/do-thing.ts`,
    `${BAD}/application/commands/make-thing.command.ts`,
    // execute() with no input, and execute only on another class of the file.
    `${BAD}/application/commands/start-thing.command.ts`,
    `${BAD}/application/commands/stop-thing.command.ts`,
  ],
  'query-files': [`${BAD}/application/queries/find-things.query.ts`],
  // count-things is not listed; list-things is named only in a comment.
  'index-lists-every-use-case': [
    `${BAD}/application/queries/count-things.query.ts`,
    `${BAD}/application/queries/list-things.query.ts`,
  ],
  'views-export-a-view': [`${BAD}/application/queries/thing.view.ts`],
  'ports-declare-a-token': [`${BAD}/application/ports/thing.repository.ts`],
  'handlers-in-commands-or-queries': [
    `${BAD}/application/services/thing-handler.ts`,
    `${BAD}/application/services/thing-queries.ts`,
  ],
  'graphql-file-roles': [`${BAD}/graphql/thing.ts`],
  'graphql-class-names': [
    `${BAD}/graphql/thing-fields.resolver.ts`,
    `${BAD}/graphql/thing.inputs.ts`,
    `${BAD}/graphql/thing.type.ts`,
  ],
  'graphql-enums-in-enum-files': [
    `${BAD}/graphql/thing-state.enum.ts`,
    `${BAD}/graphql/thing.resolver.ts`,
  ],
  'http-file-roles': [`${BAD}/http/thing.controller.ts`],
  'kebab-case-file-names': [`${BAD}/domain/ThingRules.ts`],
} as const;

const lines = (problems: { rule: string; path: string }[]) =>
  problems.map(({ rule, path }) => `${rule} ${path}`).sort();

describe('module shape (tests/architecture/module-shape.ts)', () => {
  it('finds every module of the real src tree in the one shape', () => {
    expect(lines(moduleShapeProblems(projectRoot))).toEqual([]);
  });

  it.each(Object.keys(planted) as (keyof typeof planted)[])(
    'reports the planted breach of %s',
    (rule) => {
      const reported = moduleShapeProblems(fixtureRoot).filter((problem) => problem.rule === rule);

      expect(lines(reported)).toEqual(planted[rule].map((path) => `${rule} ${path}`).sort());
    },
  );

  it('reports nothing in the fixture module that follows the shape', () => {
    const good = moduleShapeProblems(fixtureRoot).filter((problem) =>
      problem.path.startsWith('src/modules/good/'),
    );

    expect(good).toEqual([]);
  });

  it('reports nothing but the planted breaches', () => {
    const expected = Object.entries(planted).flatMap(([rule, paths]) =>
      paths.map((path) => `${rule} ${path}`),
    );

    expect(lines(moduleShapeProblems(fixtureRoot))).toEqual(expected.sort());
  });
});
