/** The lexicons compiled once into lookups by word key, then matched against the words of a text. */
import type { FreeTextCategory } from './categories.js';
import type { Lang, LexiconEntry } from './lexicon/entry.js';
import { foldText } from './normalise.js';
import { FILLERS, inflectionKey, soundKey, type Word } from './words.js';

export interface Term {
  entry: LexiconEntry;
  rule: string;
  /** Inflection keys of the phrase's words. */
  keys: readonly string[];
  /** The folded words, for `*` prefixes. */
  folded: readonly string[];
  /** The words as written, for case-sensitive terms. */
  written: readonly string[];
  prefix: readonly boolean[];
  /** Little words the phrase starts with ("à la messe"): matched backwards from the first word that says something. */
  lead: number;
  context: CompiledContext;
}

export interface CompiledContext {
  needBefore?: ReadonlySet<string>;
  needAfter?: ReadonlySet<string>;
  unlessBefore?: ReadonlySet<string>;
  unlessAfter?: ReadonlySet<string>;
}

export interface LexiconMatch {
  term: Term;
  /** Word indexes: [first, end). */
  first: number;
  end: number;
  /** Found through a typo-tolerant key rather than the word itself. */
  fuzzy: boolean;
}

const WORD = /[a-z0-9]+/g;
const FUZZY_MIN = 6;

export interface Candidates {
  terms: readonly Term[];
  fuzzy: boolean;
}

const NONE: Candidates = { terms: [], fuzzy: false };
// Words of their own that sound like a lexicon word: never read as its typo ("syndic" is not "syndiqué").
const REAL_WORDS: ReadonlySet<string> = new Set(['syndic', 'factur', 'cancel', 'relation']);

function keySet(words: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return words && new Set(words.map((w) => (w === '#num' ? w : inflectionKey(foldText(w).folded))));
}

function compileTerm(entry: LexiconEntry, written: string, context: CompiledContext): Term | undefined {
  const raw = written.match(/[\p{L}\p{N}]+\*?/gu) ?? [];
  const folded = raw.map((w) => foldText(w.replace('*', '')).folded.match(WORD)?.join('') ?? '');
  if (folded.length === 0 || folded.some((w) => w === '')) return undefined;
  return {
    entry,
    rule: `${entry.category}:${written}`,
    keys: folded.map(inflectionKey),
    folded,
    written: raw.map((w) => w.replace('*', '')),
    prefix: raw.map((w) => w.endsWith('*')),
    lead: Math.min(leadingFillers(folded), folded.length - 1),
    context,
  };
}

function leadingFillers(words: readonly string[]): number {
  let lead = 0;
  while (lead < words.length && FILLERS.has(words[lead]!)) lead++;
  return lead;
}

function push<K>(map: Map<K, Term[]>, key: K, term: Term): void {
  const list = map.get(key);
  if (list) list.push(term);
  else map.set(key, [term]);
}

/** One language's lexicon, indexed by the first word of each term. */
export class CompiledLexicon {
  private readonly exact = new Map<string, Term[]>();
  private readonly prefixes = new Map<string, Term[]>();
  private readonly sounds = new Map<string, Term[]>();
  private readonly deletions = new Map<string, Term[]>();

  constructor(entries: readonly LexiconEntry[], lang: Lang | undefined) {
    for (const entry of entries) {
      if (lang && entry.lang && entry.lang !== lang) continue;
      const context: CompiledContext = {
        needBefore: keySet(entry.needBefore), needAfter: keySet(entry.needAfter),
        unlessBefore: keySet(entry.unlessBefore), unlessAfter: keySet(entry.unlessAfter),
      };
      for (const written of entry.terms) {
        const term = compileTerm(entry, written, context);
        if (!term) continue;
        // Indexed by its first word that says something: "de", "la", "à" start too many phrases to look each up.
        const first = term.keys[term.lead]!;
        if (term.prefix[term.lead]) push(this.prefixes, term.folded[term.lead]!.slice(0, 4), term);
        else push(this.exact, first, term);
        if (term.keys.length > 1 || entry.exactOnly || term.prefix[0] || first.length < FUZZY_MIN) continue;
        push(this.sounds, soundKey(first), term);
        // A word typed with one letter missing after its first two (typos rarely hit the start): its key is one of these.
        for (let i = 2; i < first.length; i++) push(this.deletions, first.slice(0, i) + first.slice(i + 1), term);
      }
    }
  }

  private static lexicons = 0;
  private readonly slot = CompiledLexicon.lexicons++;

  /** Every term that may start at a word; fuzzy ones only when no term matches the word itself. Kept with the word's key. */
  candidates(word: Word): Candidates {
    let found = word.found[this.slot] as Candidates | undefined;
    if (found === undefined) {
      found = this.lookUp(word);
      word.found[this.slot] = found;
    }
    return found;
  }

  private lookUp(word: Word): Candidates {
    const exact = this.exact.get(word.key);
    const prefixed = word.text.length >= 4 ? this.prefixes.get(word.text.slice(0, 4))?.filter((t) => word.text.startsWith(t.folded[t.lead]!)) : undefined;
    if (exact || (prefixed && prefixed.length > 0)) return { terms: [...(exact ?? []), ...(prefixed ?? [])], fuzzy: false };
    if (word.key.length < FUZZY_MIN || /\d/.test(word.key) || REAL_WORDS.has(word.key)) return NONE;
    const fuzzy = this.sounds.get(soundKey(word.key)) ?? this.deletions.get(word.key);
    // A word cut short ("syndic" for "syndiqué") is another word, not a typo.
    const terms = fuzzy?.filter((t) => !t.folded[0]!.startsWith(word.text)) ?? [];
    return terms.length > 0 ? { terms, fuzzy: true } : NONE;
  }
}

function wordMatches(term: Term, j: number, word: Word): boolean {
  return term.prefix[j] ? word.text.startsWith(term.folded[j]!) : word.key === term.keys[j];
}

/** Where a term found at words[i] (its first word that says something) starts, or -1: its leading little words must be there. */
export function termStart(term: Term, words: readonly Word[], i: number): number {
  const start = i - term.lead;
  if (start < 0) return -1;
  for (let j = 0; j < term.lead; j++) {
    const word = words[start + j]!;
    if (word.key !== term.keys[j] || words[start + j + 1]!.sentenceBefore) return -1;
  }
  return start;
}

/** Where a term found at words[i] ends (exclusive word index), or -1: fillers may be skipped or missing. */
export function matchTerm(term: Term, words: readonly Word[], i: number, fuzzy: boolean): number {
  if (term.keys.length === 1) return fuzzy || wordMatches(term, 0, words[i]!) ? i + 1 : -1;
  let j = term.lead;
  let t = i;
  let skips = 0;
  while (j < term.keys.length) {
    const word = words[t];
    if (!word || (t > i && word.sentenceBefore)) return -1;
    if (wordMatches(term, j, word)) {
      j++;
      t++;
    } else if (j > term.lead && j < term.keys.length - 1 && FILLERS.has(term.keys[j]!)) j++;
    else if (t > i && term.lead === 0 && FILLERS.has(word.text) && skips < 2) {
      t++;
      skips++;
    } else return -1;
  }
  return t;
}

export type { FreeTextCategory };
