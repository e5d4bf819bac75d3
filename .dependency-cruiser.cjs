// Layer rules (docs/architecture.md, "Layer rules"), enforced in CI via `npm run lint:layers`
// and proven by tests/architecture/layer-rules.test.ts: every rule has a planted violation.
//
// Paths are relative to the cruise's baseDir, so they all start with `src/`.
// `$1` in a `to` pattern is the first capture group of the matching `from` path
// ("own module"; for the shared kernel it captures `shared`).

/** A layer of a module (group 1 = `modules/<module>`) or of the shared kernel (group 1 = `shared`). */
const layer = (name) => `^src/(modules/[^/]+|shared)/${name}/`;

/** The interface adapters: GraphQL resolvers and HTTP routes. */
const INTERFACE = '(graphql|http)';

// Every way a dependency on an npm package or a node builtin can be typed.
const EXTERNAL = [
  'core',
  'npm',
  'npm-dev',
  'npm-optional',
  'npm-peer',
  'npm-bundled',
  'npm-no-pkg',
  'npm-unknown',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependencies (type-only imports included) are not allowed.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import must resolve; otherwise the layer rules below could not see it.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'domain-no-external',
      severity: 'error',
      comment:
        'Domain code is pure: no npm packages (inversify, drizzle, type-graphql…), no node: builtins.',
      from: { path: layer('domain') },
      to: { dependencyTypes: EXTERNAL },
    },
    {
      name: 'domain-only-domain',
      severity: 'error',
      comment: "Domain may import only its own module's domain and shared/domain.",
      from: { path: layer('domain') },
      to: { path: '^src/', pathNot: '^src/($1|shared)/domain/' },
    },
    {
      name: 'application-only-inversify',
      severity: 'error',
      comment: 'Application may use no npm package but inversify, and no node: builtins.',
      from: { path: layer('application') },
      to: { dependencyTypes: EXTERNAL, pathNot: '(^|/)node_modules/inversify/' },
    },
    {
      name: 'application-only-inward',
      severity: 'error',
      comment:
        'Application may import its own domain and application, shared/domain, shared/application ' +
        "and another module's application/index.ts - never infrastructure, graphql or app.",
      from: { path: layer('application') },
      to: {
        path: '^src/',
        pathNot: [
          '^src/($1|shared)/(domain|application)/',
          '^src/modules/[^/]+/application/index\\.ts$',
        ],
      },
    },
    {
      name: 'infrastructure-not-to-interface',
      severity: 'error',
      comment: 'Infrastructure may not import an interface adapter (graphql, http).',
      from: { path: layer('infrastructure') },
      to: { path: layer(INTERFACE) },
    },
    {
      name: 'graphql-not-to-infrastructure',
      severity: 'error',
      comment: 'GraphQL goes through the application API, never infrastructure.',
      from: { path: layer('graphql') },
      to: { path: layer('infrastructure') },
    },
    {
      name: 'http-not-to-infrastructure',
      severity: 'error',
      comment:
        'HTTP goes through the application API. The one exception: a route may use its own ' +
        "module's wire format (`*.protocol.ts`), which the outbound adapter of the same " +
        'protocol shares.',
      from: { path: layer('http') },
      to: {
        path: layer('infrastructure'),
        pathNot: '^src/$1/infrastructure/.*[.]protocol[.]ts$',
      },
    },
    {
      name: 'interface-not-to-domain',
      severity: 'error',
      comment:
        "GraphQL and HTTP may not import a module's domain (its own or others'); " +
        'shared/domain is fine.',
      from: { path: layer(INTERFACE) },
      to: { path: '^src/modules/[^/]+/domain/' },
    },
    {
      name: 'interface-application-via-index',
      severity: 'error',
      comment:
        "GraphQL and HTTP reach their own module's application only through application/index.ts.",
      from: { path: `^src/modules/([^/]+)/${INTERFACE}/` },
      to: {
        path: '^src/modules/$1/application/',
        pathNot: '^src/modules/$1/application/index\\.ts$',
      },
    },
    {
      name: 'repositories-through-database-context',
      severity: 'error',
      comment:
        "A module's adapters take DatabaseContext, never the DATABASE token: the pool it " +
        'names would bypass the transaction TransactionRunner opened.',
      from: { path: '^src/modules/[^/]+/infrastructure/' },
      to: { path: '^src/shared/infrastructure/database/tokens[.]ts$' },
    },
    {
      name: 'module-via-application-index',
      severity: 'error',
      comment: "A module reaches another module only through that module's application/index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/application/index\\.ts$'],
      },
    },
    {
      name: 'shared-not-to-modules',
      severity: 'error',
      comment: 'The shared kernel may not depend on any module.',
      from: { path: '^src/shared/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'not-to-app-or-cli',
      severity: 'error',
      comment:
        'Only the composition root and the entry points (src/app, src/main.ts, src/cli.ts, ' +
        'src/cli/) may import src/app or src/cli.',
      from: { pathNot: '^src/(app/|main\\.ts$|cli\\.ts$|cli/)' },
      to: { path: '^src/(app|cli)/' },
    },
  ],
  options: {
    // Deliberately no `exclude: 'node_modules'`: exclude drops dependencies *to* matching
    // modules from the graph, which would silently disable the npm-package rules above.
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
      // No `extensionAlias` here: dependency-cruiser 17's schema rejects it, and it already
      // retries NodeNext-style `./x.js` imports as `./x.ts` (like tsc). `not-to-unresolvable`
      // above fails loudly should that ever stop working.
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
