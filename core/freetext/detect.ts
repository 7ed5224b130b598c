/**
 * The free-text detector: finds special-category, offence, identifier, bank and insulting content in a
 * French or English note, with the span in the original string, the rule that fired and a confidence.
 * Pure: no I/O, lexicons compiled once on first use.
 */
import type { FreeTextCategory } from './categories.js';
import { contextAllows, isNameOrAddress, isNegated } from './context.js';
import { guessLanguage } from './language.js';
import { LEXICON } from './lexicon/index.js';
import type { Lang } from './lexicon/entry.js';
import { CompiledLexicon, matchTerm, termStart, type LexiconMatch } from './matcher.js';
import { foldText } from './normalise.js';
import { findNumbers } from './numbers.js';
import { wordsOf, type Word } from './words.js';

export interface Finding {
  /** Offsets into the original string: text.slice(start, end) is what was found. */
  start: number;
  end: number;
  category: FreeTextCategory;
  /** The rule or lexicon entry that fired ("health:diabétique", "iban", "nir"). A trailing "~" marks a typo-tolerant match. */
  rule: string;
  /** 0..1: how sure the rule is, lowered for typo-tolerant matches. */
  confidence: number;
}

export interface DetectOptions {
  /** The note's language; 'auto' (the default) guesses it from its words and uses both lexicons when unsure. */
  lang?: Lang | 'auto';
}

const FUZZY_FACTOR = 0.8;
const compiled = new Map<Lang | 'both', CompiledLexicon>();

function lexiconFor(lang: Lang | undefined): CompiledLexicon {
  const key = lang ?? 'both';
  let lexicon = compiled.get(key);
  if (!lexicon) {
    lexicon = new CompiledLexicon(LEXICON, lang);
    compiled.set(key, lexicon);
  }
  return lexicon;
}

function lexiconMatches(lexicon: CompiledLexicon, words: readonly Word[]): LexiconMatch[] {
  const matches: LexiconMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    const { terms, fuzzy } = lexicon.candidates(words[i]!);
    for (const term of terms) {
      const first = term.lead === 0 ? i : termStart(term, words, i);
      if (first < 0) continue;
      const end = matchTerm(term, words, i, fuzzy);
      if (end > i) matches.push({ term, first, end, fuzzy });
    }
  }
  return matches;
}

/** Longest first; a match inside a longer one of the same category adds nothing. */
function withoutOverlaps(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const reached = new Map<FreeTextCategory, number>(); // how far the kept findings of each category go
  const kept: Finding[] = [];
  for (const finding of findings) {
    if (finding.start < (reached.get(finding.category) ?? -1)) continue;
    kept.push(finding);
    reached.set(finding.category, finding.end);
  }
  return kept;
}

export function detectSensitive(text: string, options: DetectOptions = {}): Finding[] {
  const { folded, original } = foldText(text);
  const words = wordsOf(folded);
  const lang = options.lang && options.lang !== 'auto' ? options.lang : guessLanguage(words, text);
  const findings: Finding[] = findNumbers(text);
  for (const match of lexiconMatches(lexiconFor(lang), words)) {
    const { entry } = match.term;
    if (!contextAllows(match.term.context, entry.needEither, words, match)) continue;
    if (entry.caseSensitive && !hasCapitals(text, original, words, match)) continue;
    if (!entry.negationInside && isNegated(words, folded, match)) continue;
    if (isNameOrAddress(words, text, original, match)) continue;
    findings.push({
      start: original(words[match.first]!.start),
      end: original(words[match.end - 1]!.end),
      category: entry.category,
      rule: match.fuzzy ? `${match.term.rule}~` : match.term.rule,
      confidence: Math.round(entry.confidence * (match.fuzzy ? FUZZY_FACTOR : 1) * 100) / 100,
    });
  }
  return withoutOverlaps(findings);
}

/** The capitals of a case-sensitive term ("SUD", "Labour") are capitals in the text. */
function hasCapitals(text: string, original: (offset: number) => number, words: readonly Word[], match: LexiconMatch): boolean {
  const written = match.term.written;
  let j = 0;
  for (let w = match.first; w < match.end && j < written.length; w++) {
    const word = words[w]!;
    if (word.key !== match.term.keys[j] && !match.term.prefix[j]) continue; // a filler skipped in the text
    const as = written[j]!;
    for (let k = 0; k < as.length && k < word.text.length; k++) {
      const expected = as[k]!;
      if (expected !== expected.toLowerCase()) {
        const actual = text[original(word.start + k)] ?? '';
        if (actual === actual.toLowerCase()) return false;
      }
    }
    j++;
  }
  return true;
}
