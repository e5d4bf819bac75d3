// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a surrogate pair without its other half: not a character at all. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters no text field of ours takes: control characters (PostgreSQL text cannot hold
 * NUL, and no field has a use for the others), and unpaired surrogates, which UTF-8 cannot
 * encode, so the database would store U+FFFD instead of what was acknowledged.
 */
export const hasForbiddenCharacters = (value: string): boolean =>
  CONTROL.test(value) || hasBrokenUnicode(value);

/**
 * Whether the string holds an unpaired surrogate: it cannot be encoded as UTF-8, so any two
 * such strings that differ only there would be stored (or hashed) as the same bytes.
 */
export const hasBrokenUnicode = (value: string): boolean => UNPAIRED_SURROGATE.test(value);
