import { readFileSync } from 'node:fs';

/** package.json sits two levels above both src/app and dist/app. */
export const packageVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
