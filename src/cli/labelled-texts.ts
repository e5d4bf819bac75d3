import { TEXT_MAX } from '#modules/inference/domain/texts.js';
import { CliError } from './cli-error.js';

export interface LabelledText {
  readonly rating: number;
  readonly text: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads `rating<TAB>text` lines. Blank lines and lines starting with `#` are skipped; any
 * other bad line stops everything, naming the file and line, so nothing is half-scored.
 */
export function parseLabelledTexts(content: string, source: string): LabelledText[] {
  const examples: LabelledText[] = [];
  for (const [index, raw] of content.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) {
      continue;
    }
    const bad = (why: string) => new CliError(`${source}:${line}: ${why}`);
    const tab = raw.indexOf('\t');
    if (tab < 0) {
      throw bad('expected "rating<TAB>text"');
    }
    const rating = raw.slice(0, tab).trim();
    const text = raw.slice(tab + 1).trim();
    if (!NUMBER.test(rating)) {
      throw bad(`the rating "${rating.slice(0, 20)}" is not a number`);
    }
    if (text === '') {
      throw bad('the text is empty');
    }
    if ([...text].length > TEXT_MAX) {
      throw bad(`the text is longer than ${TEXT_MAX} characters`);
    }
    examples.push({ rating: Number(rating), text });
  }
  if (examples.length === 0) {
    throw new CliError(`${source}: no examples (expected "rating<TAB>text" lines)`);
  }
  return examples;
}
