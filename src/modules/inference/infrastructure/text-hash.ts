import { createHash } from 'node:crypto';

/** Scores are keyed by a digest of the exact text, so a long text costs a short key. */
export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');
