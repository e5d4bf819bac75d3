import { fileURLToPath } from 'node:url';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The same rule set `npm run lint:layers` uses, cruised through dependency-cruiser's API.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesRoot = fileURLToPath(new URL('./fixtures/layers', import.meta.url));
const configFile = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const tsConfigFile = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/** Cruises `<baseDir>/src` (so reported paths start with `src/`) and returns the violations. */
async function violationsUnder(baseDir: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(configFile);
  const { output } = await cruise(
    ['src'],
    { ...options, baseDir, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  if (typeof output === 'string') {
    throw new Error(`expected a cruise result object, got reporter output:\n${output}`);
  }
  return output.summary.violations;
}

const describeViolation = (violation: IViolation): string =>
  `${violation.rule.name}: ${violation.from} → ${violation.to}`;

const FIXTURE = 'src/modules/sample';

// Every rule of .dependency-cruiser.cjs, with the planted file that breaks it. Each bad file
// holds one forbidden import (one breaks two rules, listed under both).
const planted = {
  'no-circular': [`${FIXTURE}/domain/circular-a.ts`],
  'not-to-unresolvable': [`${FIXTURE}/domain/bad-imports-missing-file.ts`],
  'domain-no-external': [`${FIXTURE}/domain/bad-imports-drizzle.ts`],
  'domain-only-domain': [
    `${FIXTURE}/domain/bad-imports-infrastructure.ts`,
    // A subpath import (#modules/…) is followed like a relative one.
    `${FIXTURE}/domain/bad-imports-other-module-by-subpath.ts`,
  ],
  'application-only-inversify': [`${FIXTURE}/application/bad-imports-npm-package.ts`],
  'application-only-inward': [`${FIXTURE}/application/bad-imports-infrastructure.ts`],
  'infrastructure-not-to-interface': [`${FIXTURE}/infrastructure/bad-imports-graphql.ts`],
  'graphql-not-to-infrastructure': [
    `${FIXTURE}/graphql/bad-imports-infrastructure.resolver.ts`,
    `${FIXTURE}/graphql/bad-imports-protocol.resolver.ts`,
  ],
  'http-not-to-infrastructure': [
    `${FIXTURE}/http/bad-imports-infrastructure.routes.ts`,
    `${FIXTURE}/http/bad-imports-other-module-protocol.routes.ts`,
  ],
  'interface-not-to-domain': [`${FIXTURE}/graphql/bad-imports-domain.resolver.ts`],
  'interface-application-via-index': [
    `${FIXTURE}/graphql/bad-imports-application-internals.resolver.ts`,
  ],
  'module-via-application-index': [
    `${FIXTURE}/http/bad-imports-other-module-protocol.routes.ts`,
    `${FIXTURE}/infrastructure/bad-imports-other-module-infrastructure.ts`,
  ],
  'repositories-through-database-context': [
    `${FIXTURE}/infrastructure/bad-imports-database-token.ts`,
  ],
  'shared-not-to-modules': ['src/shared/graphql/bad-imports-module.ts'],
  'not-to-app-or-cli': [
    'src/shared/graphql/bad-imports-app.ts',
    'src/shared/graphql/bad-imports-cli-by-subpath.ts',
  ],
} as const;

type RuleName = keyof typeof planted;

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('finds no violations in the real src tree', async () => {
    const violations = await violationsUnder(projectRoot);

    expect(violations, violations.map(describeViolation).join('\n')).toEqual([]);
  });

  describe('on the fixture tree', () => {
    // Cruised once, lazily, and shared by the cases below.
    let fixtureViolations: Promise<IViolation[]> | undefined;
    const reported = async (): Promise<string[]> => {
      fixtureViolations ??= violationsUnder(fixturesRoot);
      return (await fixtureViolations).map(({ rule, from }) => `${rule.name} ${from}`);
    };

    it('has a planted violation for every rule in the configuration', async () => {
      const options = await extractDepcruiseOptions(configFile);
      const rules = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name);

      expect(rules.sort()).toEqual(Object.keys(planted).sort());
    });

    it.each(Object.keys(planted) as RuleName[])(
      'reports the planted violation of %s',
      async (rule) => {
        const files = planted[rule];

        expect((await reported()).filter((line) => line.startsWith(`${rule} `))).toEqual(
          files.map((file) => `${rule} ${file}`),
        );
      },
    );

    it.each([
      `${FIXTURE}/graphql/good-imports-application-index.resolver.ts`,
      `${FIXTURE}/http/good-imports-protocol.routes.ts`,
      `${FIXTURE}/application/good-imports-inversify.ts`,
    ])('does not report %s, which imports only what its layer may', async (good) => {
      expect((await reported()).filter((line) => line.endsWith(` ${good}`))).toEqual([]);
    });

    it('reports nothing but the planted violations', async () => {
      const expected = Object.entries(planted).flatMap(([rule, files]) =>
        files.map((file) => `${rule} ${file}`),
      );

      expect((await reported()).sort()).toEqual(expected.sort());
    });
  });
});
