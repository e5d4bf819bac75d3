import { fileURLToPath } from 'node:url';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The same rule set `npm run lint:layers` uses, cruised through dependency-cruiser's API.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesRoot = fileURLToPath(new URL('./fixtures', import.meta.url));
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

// Each bad fixture file holds exactly one forbidden import.
const expectedFixtureViolations = {
  'domain-no-external': `${FIXTURE}/domain/bad-imports-drizzle.ts`,
  'domain-only-domain': `${FIXTURE}/domain/bad-imports-infrastructure.ts`,
  'application-only-inward': `${FIXTURE}/application/bad-imports-infrastructure.ts`,
  'graphql-not-to-infrastructure': `${FIXTURE}/graphql/bad-imports-infrastructure.resolver.ts`,
  'graphql-not-to-domain': `${FIXTURE}/graphql/bad-imports-domain.resolver.ts`,
  'module-via-application-index': `${FIXTURE}/infrastructure/bad-imports-other-module-infrastructure.ts`,
  'not-to-app': 'src/shared/graphql/bad-imports-app.ts',
} as const;

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
    const expectReported = async (rule: keyof typeof expectedFixtureViolations) => {
      expect(await reported()).toContain(`${rule} ${expectedFixtureViolations[rule]}`);
    };

    it('reports a domain file that imports drizzle-orm', async () => {
      await expectReported('domain-no-external');
    });

    it("reports a domain file that imports its module's infrastructure", async () => {
      await expectReported('domain-only-domain');
    });

    it('reports an application file that imports infrastructure', async () => {
      await expectReported('application-only-inward');
    });

    it('reports a graphql file that imports infrastructure', async () => {
      await expectReported('graphql-not-to-infrastructure');
    });

    it('reports a graphql file that imports domain', async () => {
      await expectReported('graphql-not-to-domain');
    });

    it("reports a module that imports another module's infrastructure", async () => {
      await expectReported('module-via-application-index');
    });

    it('reports a shared file that imports app', async () => {
      await expectReported('not-to-app');
    });

    it('does not report a graphql file that imports application/index.ts', async () => {
      const good = `${FIXTURE}/graphql/good-imports-application-index.resolver.ts`;

      expect((await reported()).filter((line) => line.endsWith(` ${good}`))).toEqual([]);
    });

    it('reports nothing but the planted violations', async () => {
      const planted = Object.entries(expectedFixtureViolations).map(([r, f]) => `${r} ${f}`);

      expect((await reported()).sort()).toEqual(planted.sort());
    });
  });
});
