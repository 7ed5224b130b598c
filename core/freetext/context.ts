/** What the words around a match say: another sense, a required cue, a negation, a name or an address. */
import type { CompiledContext, LexiconMatch } from './matcher.js';
import { FILLERS, inflectionKey, type Word } from './words.js';

const NEGATORS = new Set([
  'pas', 'aucun', 'aucune', 'jamais', 'sans', 'ni', 'non', 'nullement', 'absence', 'rien', 'exclu', 'exclut', 'negatif', 'negative',
  'no', 'not', 'never', 'without', 'none', 'nor', 'denies', 'deny', 'denied', 'nothing', 'isn', 'doesn', 'didn', 'wasn', 'aren', 'hasn', 'haven', 'hadn', 'don', 'weren', 'won', 'nt',
]);
// "pas que", "pas mal de", "sans doute", "not only": negators that negate nothing here.
const NOT_NEGATING_NEXT = new Set(['que', 'qu', 'seulement', 'uniquement', 'mal', 'doute', 'only', 'just', 'merely', 'forcement', 'toujours', 'sure']);
const ANSWERED_NO = new Set(['non', 'no', 'none', 'aucun', 'aucune', 'neant', 'negatif', 'negative', 'nope', 'rien']);
const TITLES = new Set(['mr', 'm', 'mme', 'mlle', 'mrs', 'ms', 'miss', 'dr', 'monsieur', 'madame', 'mademoiselle', 'sir', 'me', 'docteur', 'famille', 'family', 'societe', 'ste', 'sarl', 'sas', 'ets', 'cabinet', 'hotel', 'restaurant']);
const ADDRESS = keys(['rue', 'avenue', 'av', 'bd', 'boulevard', 'place', 'pl', 'allee', 'impasse', 'chemin', 'quai', 'route', 'square', 'cours', 'ministere', 'ministry', 'residence', 'lycee', 'ecole', 'college', 'hopital', 'clinique', 'centre', 'parc', 'stade', 'gare', 'station', 'metro', 'salle', 'espace', 'cite', 'quartier', 'zone', 'za', 'zi']);

function keys(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(inflectionKey));
}
const STREET = new Set(['street', 'st', 'road', 'rd', 'lane', 'ln', 'avenue', 'ave', 'boulevard', 'blvd', 'drive', 'dr', 'close', 'crescent', 'terrace', 'gardens', 'mews']);

const BEFORE = 3;
const AFTER = 2;

function has(set: ReadonlySet<string>, word: Word): boolean {
  return set.has(word.key) || (set.has('#num') && word.text.charCodeAt(0) >= 48 && word.text.charCodeAt(0) <= 57);
}

/** One of the set among the words before a match in its sentence, little words not counted ("la porte de service est condamnée"). */
function anyBefore(words: readonly Word[], first: number, count: number, set: ReadonlySet<string> | undefined): boolean {
  if (!set) return false;
  for (let k = first - 1, counted = 0; k >= 0 && counted < count; k--) {
    if (words[k + 1]!.sentenceBefore) return false;
    if (has(set, words[k]!)) return true;
    if (!FILLERS.has(words[k]!.text)) counted++;
  }
  return false;
}

/** One of the set among the words right after a match, up to the end of its clause ("noir, la quarantaine": the comma ends it). */
function anyAfter(words: readonly Word[], end: number, count: number, set: ReadonlySet<string> | undefined): boolean {
  if (!set) return false;
  for (let k = end; k < words.length && k < end + count; k++) {
    if (words[k]!.clauseBefore) return false;
    if (has(set, words[k]!)) return true;
  }
  return false;
}

/** The entry's own context: the cues it needs and the neighbours that mean another sense. */
export function contextAllows(context: CompiledContext, needEither: boolean | undefined, words: readonly Word[], match: LexiconMatch): boolean {
  if (anyBefore(words, match.first, BEFORE, context.unlessBefore) || anyAfter(words, match.end, AFTER, context.unlessAfter)) return false;
  const needB = context.needBefore;
  const needA = context.needAfter;
  if (!needB && !needA) return true;
  if (needB && needA) {
    const hasB = anyBefore(words, match.first, BEFORE, needB);
    return needEither ? hasB || anyAfter(words, match.end, AFTER, needA) : hasB && anyAfter(words, match.end, AFTER, needA);
  }
  return needB ? anyBefore(words, match.first, BEFORE, needB) : anyAfter(words, match.end, AFTER, needA);
}

/** "pas de souci de santé", "no history of", "n'est pas syndiqué", "diabète : non". */
export function isNegated(words: readonly Word[], folded: string, match: LexiconMatch): boolean {
  for (let k = match.first - 1, seen = 0; k >= 0 && seen < 4; k--, seen++) {
    if (words[k + 1]!.clauseBefore) break;
    const word = words[k]!;
    if (NEGATORS.has(word.text)) {
      const next = words[k + 1]!;
      return !(NOT_NEGATING_NEXT.has(next.text) && k + 1 < match.first);
    }
  }
  const next = words[match.end];
  if (next && !next.sentenceBefore && ANSWERED_NO.has(next.text)) {
    const gap = folded.slice(words[match.end - 1]!.end, next.start);
    return /[:=?]|\s-\s/.test(gap);
  }
  return false;
}

/** "Mme Noir", "Mr Gay", "rue de l'Église", "Church Street": a capitalised word that names a person or a place. */
export function isNameOrAddress(words: readonly Word[], original: string, originalOffset: (folded: number) => number, match: LexiconMatch): boolean {
  const first = words[match.first]!;
  const from = originalOffset(first.start);
  const char = original[from] ?? '';
  if (char === char.toLowerCase()) return false;
  const text = original.slice(from, originalOffset(words[match.end - 1]!.end));
  if (text.length <= 5 && text === text.toUpperCase()) return false; // an acronym (CGT, VIH), not a name
  const previous = match.first > 0 && !first.sentenceBefore ? words[match.first - 1] : undefined;
  if (previous && TITLES.has(previous.text)) return true;
  if (anyBefore(words, match.first, 3, ADDRESS)) return true;
  const next = words[match.end];
  return !!next && !next.sentenceBefore && STREET.has(next.text);
}
