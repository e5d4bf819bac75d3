import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/**
 * The one module shape (docs/architecture.md, "Where each kind of file goes"), checked by
 * reading the tree: folder names, file names with their role suffix, and what each kind of
 * file must export.
 */
export interface ShapeProblem {
  readonly rule: string;
  /** Relative to the cruised root, starting with `src/`. */
  readonly path: string;
}

const MODULE_FOLDERS = ['domain', 'application', 'infrastructure', 'graphql'];
const OPTIONAL_MODULE_FOLDERS = ['http'];
const APPLICATION_FOLDERS = ['commands', 'queries', 'ports', 'services'];
const GRAPHQL_ROLES = [
  'resolver',
  'type',
  'inputs',
  'payloads',
  'connection',
  'loaders',
  'enum',
  'cursor',
  'filter',
  'plugin',
];
const KEBAB_FILE = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.ts$/;

const pascal = (kebab: string) =>
  kebab.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
const camel = (kebab: string) => pascal(kebab).replace(/^./, (letter) => letter.toLowerCase());

export function moduleShapeProblems(root: string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const report = (rule: string, path: string) =>
    problems.push({ rule, path: relative(root, path) });
  const modulesDir = join(root, 'src', 'modules');
  for (const name of readdirSync(modulesDir).sort()) {
    checkModule(join(modulesDir, name), name, report);
  }
  for (const file of tsFiles(join(root, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const folder = basename(join(file, '..'));
    const useCaseClass = /\bclass \w+(Handler|Queries|Query|Commands|Command)\b/.test(source);
    if (useCaseClass && folder !== 'commands' && folder !== 'queries') {
      report('handlers-in-commands-or-queries', file);
    }
    if (!KEBAB_FILE.test(basename(file))) {
      report('kebab-case-file-names', file);
    }
  }
  return problems;
}

type Report = (rule: string, path: string) => void;

function checkModule(dir: string, name: string, report: Report): void {
  const wiring = `${name}.module.ts`;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const known = statSync(path).isDirectory()
      ? [...MODULE_FOLDERS, ...OPTIONAL_MODULE_FOLDERS].includes(entry)
      : entry === wiring;
    if (!known) {
      report('module-folders', path);
    }
  }
  for (const required of [...MODULE_FOLDERS, wiring]) {
    if (!existsSync(join(dir, required))) {
      report('module-folders', join(dir, required));
    }
  }
  const wiringFile = join(dir, wiring);
  if (
    existsSync(wiringFile) &&
    !new RegExp(`export function ${camel(name)}Module\\(`).test(readFileSync(wiringFile, 'utf8'))
  ) {
    report('module-wiring-function', wiringFile);
  }
  checkApplication(join(dir, 'application'), name, report);
  checkFolder(join(dir, 'graphql'), report, 'graphql-file-roles', (file) =>
    GRAPHQL_ROLES.some((role) => file.endsWith(`.${role}.ts`)),
  );
  checkFolder(join(dir, 'http'), report, 'http-file-roles', (file) => file.endsWith('.routes.ts'));
  for (const file of tsFiles(join(dir, 'graphql'))) {
    checkGraphQLNames(file, report);
  }
}

function checkApplication(dir: string, module: string, report: Report): void {
  if (!existsSync(dir)) {
    return;
  }
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const known = statSync(path).isDirectory()
      ? APPLICATION_FOLDERS.includes(entry)
      : entry === 'index.ts';
    if (!known) {
      report('application-folders', path);
    }
  }
  for (const file of tsFiles(join(dir, 'commands'))) {
    checkUseCase(file, 'command', 'Command', report);
  }
  for (const file of tsFiles(join(dir, 'queries'))) {
    if (file.endsWith('.view.ts')) {
      if (!/export interface \w+View\b/.test(readFileSync(file, 'utf8'))) {
        report('views-export-a-view', file);
      }
    } else {
      checkUseCase(file, 'query', 'Query', report);
    }
  }
  checkIndexListsUseCases(dir, report);
  for (const file of tsFiles(join(dir, 'ports'))) {
    if (!new RegExp(`= Symbol\\('${module}\\.\\w+'\\)`).test(readFileSync(file, 'utf8'))) {
      report('ports-declare-a-token', file);
    }
  }
}

/** application/index.ts is the module's table of contents: every handler is listed there. */
function checkIndexListsUseCases(dir: string, report: Report): void {
  const index = join(dir, 'index.ts');
  // Only export statements count: a comment naming a handler does not list it.
  const listed = existsSync(index)
    ? [...readFileSync(index, 'utf8').matchAll(/^export \{[^}]*\}/gm)].join('\n')
    : '';
  for (const file of [...tsFiles(join(dir, 'commands')), ...tsFiles(join(dir, 'queries'))]) {
    for (const [, handler] of readFileSync(file, 'utf8').matchAll(/export class (\w+Handler)\b/g)) {
      if (!new RegExp(`\\b${handler}\\b`).test(listed)) {
        report('index-lists-every-use-case', file);
      }
    }
  }
}

/** `create-todo.command.ts` exports `CreateTodoCommand` and `CreateTodoHandler.execute(input)`. */
function checkUseCase(file: string, role: string, suffix: string, report: Report): void {
  const suffixOk = basename(file).endsWith(`.${role}.ts`);
  const name = pascal(basename(file).replace(/\..*$/, ''));
  const source = readFileSync(file, 'utf8');
  const input = new RegExp(`export (interface|type) ${name}${suffix}\\b`).test(source);
  const body = classBody(source, `${name}Handler`);
  const handler = body !== null && /\n {2}(async )?execute\(\s*[\w{]/.test(body);
  if (!suffixOk || !input || !handler) {
    report(`${role}-files`, file);
  }
}

/** The text of `export class <name> … {` up to its closing brace at the start of a line. */
function classBody(source: string, name: string): string | null {
  const start = source.search(new RegExp(`export class ${name}\\b`));
  if (start < 0) {
    return null;
  }
  const end = source.indexOf('\n}', start);
  return source.slice(start, end < 0 ? undefined : end);
}

function checkFolder(
  dir: string,
  report: Report,
  rule: string,
  allowed: (file: string) => boolean,
): void {
  for (const file of tsFiles(dir)) {
    if (basename(file) !== 'index.ts' && !allowed(file)) {
      report(rule, file);
    }
  }
}

function checkGraphQLNames(file: string, report: Report): void {
  const source = readFileSync(file, 'utf8');
  /** The class each use of the decorator applies to: the next one declared after it. */
  const classes = (decorator: string) =>
    [...source.matchAll(new RegExp(`^@${decorator}\\(`, 'gm'))].map(
      (match) => /\bclass (\w+)/.exec(source.slice(match.index))?.[1] ?? '',
    );
  const misnamed =
    classes('ObjectType').some((name) => !name.endsWith('Type')) ||
    classes('InputType').some((name) => !name.endsWith('Input')) ||
    classes('Resolver').some((name) => !name.endsWith('Resolver'));
  if (misnamed) {
    report('graphql-class-names', file);
  }
  const enums = [...source.matchAll(/registerEnumType\((\w+)/g)].map((match) => match[1] as string);
  if (enums.length > 0 && (!file.endsWith('.enum.ts') || enums.some((e) => !e.endsWith('Enum')))) {
    report('graphql-enums-in-enum-files', file);
  }
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
