/** Words of folded text: where they are, whether a clause ends before them, and the keys that make inflections and typos meet. */

export interface Word {
  /** Offsets in the folded text. */
  start: number;
  end: number;
  text: string;
  /** Inflections folded away: "diabétiques" and "diabetique" share a key. */
  key: string;
  /** What lexicons found for this word, kept with its key (one slot per compiled lexicon). */
  found: unknown[];
  /** A sentence ends between the previous word and this one (. ! ? ; or a line break). */
  sentenceBefore: boolean;
  /** Any clause boundary before this word (the above, a comma, a colon, a bracket, "mais", "but"). */
  clauseBefore: boolean;
}

const CLAUSE_WORDS = new Set(['mais', 'but', 'however', 'cependant', 'pourtant', 'sauf', 'except', 'although', 'though', 'toutefois', 'neanmoins']);

// What each ASCII character is between words: 1 ends a sentence, 2 ends a clause, 3 is part of a word.
const KIND = new Uint8Array(128);
for (const c of '.!?;\n\r') KIND[c.charCodeAt(0)] = 1;
for (const c of ',:()[]/|*"') KIND[c.charCodeAt(0)] = 2;
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') KIND[c.charCodeAt(0)] = 3;
const BULLET = 0x2022;
const DASH = 45;

// Words repeat (Zipf): working out each word's key and lexicon entries once keeps long notes fast. Bounded.
interface Known {
  key: string;
  found: unknown[];
}
const known = new Map<string, Known>();
const MAX_KNOWN = 50_000;

function knownWord(text: string): Known {
  let word = known.get(text);
  if (word === undefined) {
    word = { key: inflectionKey(text), found: [] };
    // Full: the words seen first (the commonest, by Zipf's law) stay; a rarer one is worked out each time.
    if (known.size < MAX_KNOWN) known.set(text, word);
  }
  return word;
}

// The detector is synchronous and reads a note's words only while it reads that note: their objects are reused, note after note.
const pool: Word[] = [];

/** One pass over the folded text: words of [a-z0-9] and what separates them. The words are valid until the next call. */
export function wordsOf(folded: string): Word[] {
  const words: Word[] = [];
  let sentence = true;
  let clause = true;
  let dashAlone = false; // " - " between two words ends a clause
  let previous = 0;
  for (let i = 0; i < folded.length; ) {
    const code = folded.charCodeAt(i);
    const kind = code < 128 ? KIND[code]! : code === BULLET ? 2 : 0;
    if (kind !== 3) {
      if (kind === 1) sentence = true;
      else if (kind === 2) clause = true;
      else if (code === DASH && previous === 32 && folded.charCodeAt(i + 1) === 32) dashAlone = true;
      previous = code;
      i++;
      continue;
    }
    const start = i;
    while (i < folded.length && folded.charCodeAt(i) < 128 && KIND[folded.charCodeAt(i)] === 3) i++;
    const text = folded.slice(start, i);
    const afterClauseWord = words.length > 0 && CLAUSE_WORDS.has(words[words.length - 1]!.text);
    const { key, found } = knownWord(text);
    const clauseBefore = sentence || clause || dashAlone || afterClauseWord;
    const word = pool[words.length];
    if (word) {
      word.start = start;
      word.end = i;
      word.text = text;
      word.key = key;
      word.found = found;
      word.sentenceBefore = sentence;
      word.clauseBefore = clauseBefore;
      words.push(word);
    } else {
      const created = { start, end: i, text, key, found, sentenceBefore: sentence, clauseBefore };
      pool.push(created);
      words.push(created);
    }
    sentence = clause = dashAlone = false;
    previous = 0;
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
  if (key.length > 5 && key.endsWith('ee')) key = key.slice(0, -1); // feminine past participle: hospitalisée
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
  let out = '';
  let last = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    const next = key[i + 1] ?? '';
    let sound: string;
    if (c === 's' && next === 'c' && key[i + 2] === 'h') {
      sound = 'x';
      i += 2;
    } else if ((c === 's' || c === 'c') && next === 'h') {
      sound = 'x';
      i++;
    } else if (c === 'p' && next === 'h') {
      sound = 'f';
      i++;
    } else if ((c === 'q' && next === 'u') || (c === 'c' && next === 'k')) {
      sound = 'k';
      i++;
    } else if ((c === 'a' || c === 'e') && next === 'i') {
      sound = 'e';
      i++;
    } else if (c === 'c') sound = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
    else if (c === 'q') sound = 'k';
    else if (c === 'h') continue;
    else sound = SOUND_OF[c] ?? c;
    if (sound !== last) out += sound;
    last = sound;
  }
  return out;
}

const SOUND_OF: Readonly<Record<string, string>> = { y: 'i', z: 's', w: 'v' };

/** Little words a phrase may have or skip ("pb de santé" is "pb santé"; "sort de prison"). */
export const FILLERS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'a', 'au', 'aux', 'un', 'une', 'sa', 'son', 'ses', 'of', 'the', 'an', 'his', 'her', 'their']);
