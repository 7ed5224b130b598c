/**
 * Folding text for matching: lower case, accents removed, ligatures spelt out, typographic apostrophes
 * and dashes made plain, while remembering where each folded character came from in the original.
 */

// Folded form of each code point below 0x250 (Latin-1 and Latin Extended-A/B).
const FOLD: string[] = [];
for (let code = 0; code < 0x250; code++) {
  const char = String.fromCharCode(code);
  const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  FOLD[code] = base.length === 1 ? base : char.toLowerCase().length === 1 ? char.toLowerCase() : char;
}
Object.assign(FOLD, { 0x0152: 'oe', 0x0153: 'oe', 0x00c6: 'ae', 0x00e6: 'ae', 0x00df: 'ss' });
const EXTRA: Readonly<Record<number, string>> = {
  0x2019: "'", 0x2018: "'", 0x02bc: "'", 0x2010: '-', 0x2011: '-', 0x2013: '-', 0x2014: '-', 0x00a0: ' ', 0x202f: ' ',
};

function foldChar(text: string, i: number, code: number): string {
  if (code < 0x250) return FOLD[code]!;
  const extra = EXTRA[code];
  if (extra) return extra;
  const lower = text[i]!.toLowerCase();
  return lower.length === 1 ? lower : text[i]!;
}

export interface FoldedText {
  /** Lower case, no accents; as long as the original unless a ligature was spelt out. */
  folded: string;
  /** The offset in the original string of a folded offset (an end offset included). */
  original(offset: number): number;
}

const EXPANDING = /[\u0152\u0153\u00c6\u00e6\u00df]/;

export function foldText(text: string): FoldedText {
  if (!EXPANDING.test(text)) return { folded: foldOneToOne(text), original: (offset) => offset };
  let folded = '';
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const replacement = foldChar(text, i, text.charCodeAt(i));
    folded += replacement;
    for (let k = 0; k < replacement.length; k++) positions.push(i);
  }
  positions.push(text.length);
  return { folded, original: (offset) => positions[offset]! };
}

/** The common case: every character folds into exactly one, so offsets stay as they are. */
function foldOneToOne(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return foldSlowly(text);
  return lower.replace(NON_ASCII, (char) => {
    const replacement = foldChar(char, 0, char.charCodeAt(0));
    return replacement.length === 1 ? replacement : char;
  });
}

function foldSlowly(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const replacement = foldChar(text, i, text.charCodeAt(i));
    folded += replacement.length === 1 ? replacement : text[i];
  }
  return folded;
}

const NON_ASCII = /[^ -~\t\n\r]/g;
