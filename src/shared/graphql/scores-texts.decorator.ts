import { Extensions } from 'type-graphql';

/** The field extension the request limits read. */
export const SCORES_TEXTS = 'scoresTexts';

export interface ScoresTextsOptions {
  /** The argument holding the list of texts; without one, the field scores one text. */
  readonly argument?: string;
  /** Texts the field takes at most: a longer list is refused by the field itself, unscored. */
  readonly atMost?: number;
}

/**
 * A field that sends texts to the model. Requests are refused before execution when all
 * such fields together (aliases and page sizes included) would score more texts than one
 * request may.
 */
export const ScoresTexts = (options: ScoresTextsOptions = {}) =>
  Extensions({ [SCORES_TEXTS]: options });
