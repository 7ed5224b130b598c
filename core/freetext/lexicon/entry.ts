/** How lexicons are written: terms of one category, language and strength, with the context that confirms or rules them out. */
import type { FreeTextCategory } from '../categories.js';

export type Lang = 'fr' | 'en';

export interface TermContext {
  /** The term counts only if one of these words comes within three words before it. */
  needBefore?: readonly string[];
  /** The term counts only if one of these words comes within two words after it. */
  needAfter?: readonly string[];
  /** Either of the two above suffices (when both are given). */
  needEither?: boolean;
  /** One of these words just before (three words) means another sense ("une enceinte", "place de l'Église"). */
  unlessBefore?: readonly string[];
  /** One of these words just after (two words) means another sense ("enceinte bluetooth", "Church Street"). */
  unlessAfter?: readonly string[];
  /** Capitals as written must be capitals in the text ("SUD", "PS", "Labour"). */
  caseSensitive?: boolean;
  /** The term states a negative itself ("pas aimable"): a negation before it does not cancel it. */
  negationInside?: boolean;
  /** Typo-tolerant matching would confuse the term with a common word. */
  exactOnly?: boolean;
}

export interface LexiconEntry extends TermContext {
  category: FreeTextCategory;
  /** undefined: both languages. */
  lang?: Lang;
  /** How sure a match alone makes us, 0..1. */
  confidence: number;
  /** Phrases as a person writes them, accents and all; a word ending in `*` matches any ending. */
  terms: readonly string[];
}

type Group = readonly [lang: Lang | '*', confidence: number, terms: string, context?: TermContext];

/** A category's lexicon from groups of `|`-separated terms. */
export function lexicon(category: FreeTextCategory, groups: readonly Group[]): LexiconEntry[] {
  return groups.map(([lang, confidence, terms, context]) => ({
    category,
    ...(lang === '*' ? {} : { lang }),
    confidence,
    terms: terms.split('|').map((t) => t.trim()).filter((t) => t.length > 0),
    ...context,
  }));
}

/** Strengths: a term that almost always means the category, one that usually does, one that needs its context. */
export const STRONG = 0.9;
export const USUAL = 0.75;
export const WEAK = 0.55;
