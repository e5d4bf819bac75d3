/** PostgreSQL text cannot hold NUL, and no field of ours has a use for control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);
