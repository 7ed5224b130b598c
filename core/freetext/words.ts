/** Words of folded text: where they are, whether a clause ends before them, and the keys that make inflections and typos meet. */

export interface Word {
  /** Offsets in the folded text. */
  start: number;
  end: number;
  text: string;
  /** Inflections folded away: "diabétiques" and "diabetique" share a key. */
  key: string;
  /** A sentence ends between the previous word and this one (. ! ? ; or a line break). */
  sentenceBefore: boolean;
  /** Any clause boundary before this word (the above, a comma, a colon, a bracket, "mais", "but"). */
  clauseBefore: boolean;
}

const WORD = /[a-z0-9]+/g;
const SENTENCE_END = /[.!?;\n\r]/;
const CLAUSE_END = /[.!?;\n\r,:()[\]/|•*"]/;
const CLAUSE_WORDS = new Set(['mais', 'but', 'however', 'cependant', 'pourtant', 'sauf', 'except', 'although', 'though', 'toutefois', 'neanmoins']);

export function wordsOf(folded: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  let afterClauseWord = false;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(folded); match; match = WORD.exec(folded)) {
    const text = match[0];
    const gap = folded.slice(previousEnd, match.index);
    const sentenceBefore = words.length === 0 || SENTENCE_END.test(gap);
    words.push({
      start: match.index,
      end: match.index + text.length,
      text,
      key: inflectionKey(text),
      sentenceBefore,
      clauseBefore: sentenceBefore || afterClauseWord || CLAUSE_END.test(gap) || (gap.includes(' - ')),
    });
    afterClauseWord = CLAUSE_WORDS.has(text);
    previousEnd = match.index + text.length;
  }
  return words;
}

/**
 * French and English inflections folded into one key: plural -s/-x, feminine -e, -euse/-eux → -eur,
 * -ive → -if, -elle/-enne/-onne/-ette → -el/-en/-on/-et, -aux → -al, -trice → -teur, -y/-ies → -i.
 */
export function inflectionKey(word: string): string {
  let key = word;
  if (key.length > 4 && key.endsWith('aux')) return `${key.slice(0, -3)}al`;
  if (key.length > 3 && (key.endsWith('s') || (key.endsWith('x') && !key.endsWith('eux'))) && !key.endsWith('ss') && !key.endsWith('us')) key = key.slice(0, -1);
  if (key.length > 4 && key.endsWith('e')) {
    key = key.slice(0, -1);
    const tail = key.slice(-3);
    if (tail === 'ell' || tail === 'enn' || tail === 'onn' || tail === 'ett') key = key.slice(0, -1);
    else if (key.endsWith('iv')) key = `${key.slice(0, -1)}f`;
    else if (key.endsWith('tric')) key = `${key.slice(0, -4)}teur`;
  }
  if (key.length > 4 && (key.endsWith('eus') || key.endsWith('eux'))) key = `${key.slice(0, -1)}r`;
  if (key.length > 4 && key.endsWith('y')) key = `${key.slice(0, -1)}i`;
  return key;
}

/** A rough sound key for typos that sound the same: diabetik/diabetique, schizofrene/skizophrène, alcolique/alcoolique. */
export function soundKey(key: string): string {
  return key
    .replace(/sch|sh|ch/g, 'x')
    .replace(/ph/g, 'f')
    .replace(/qu|ck|q|k/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/h/g, '')
    .replace(/y/g, 'i')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/ai|ei/g, 'e')
    .replace(/(.)\1+/g, '$1');
}

/** Little words a phrase may have or skip ("pb de santé" is "pb santé"; "sort de prison"). */
export const FILLERS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'a', 'au', 'aux', 'un', 'une', 'sa', 'son', 'ses', 'of', 'the', 'an', 'his', 'her', 'their']);
