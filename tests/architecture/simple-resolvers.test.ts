import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return sources(path);
    }
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Object types declare `simpleResolvers: true`: their fields are read straight off the
 * value, without type-graphql's per-field wrapper (a call and an allocation per value, and
 * no direct property reads for compiled execution). type-graphql then skips field-level
 * auth and middlewares on those types, silently: a field that needs them must live in a
 * resolver class (`@FieldResolver`), where they still apply.
 */
describe('object types with simple resolvers', () => {
  const files = sources(join(projectRoot, 'src')).map((path) => ({
    path: relative(projectRoot, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('declare every object type with simpleResolvers', () => {
    const plain = files.flatMap(({ path, text }) =>
      [...text.matchAll(/@ObjectType\(([^)]*)\)/g)]
        .filter((match) => !/simpleResolvers: true/.test(match[1] ?? ''))
        .map(() => path),
    );
    expect(plain).toEqual([]);
  });

  it('put no field-level auth or middleware on them', () => {
    const guarded = files
      .filter(({ text }) => text.includes('simpleResolvers: true'))
      .filter(({ text }) => /@(Authorized|UseMiddleware|Directive)\(/.test(text))
      .map(({ path }) => path);
    expect(guarded).toEqual([]);
  });
});
