/** A small guess of a note's language from its commonest words: enough to choose French or English lexicons. */
import type { Lang } from './lexicon/entry.js';
import type { Word } from './words.js';

const FRENCH = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'est', 'pas', 'pour', 'dans', 'avec', 'sur', 'au', 'aux', 'il', 'elle', 'ne', 'que', 'qui',
  'ce', 'sa', 'son', 'ses', 'mais', 'tres', 'rdv', 'cliente', 'mr', 'mme', 'demande', 'appel', 'rappeler', 'veut', 'fait', 'ete', 'depuis', 'apres', 'avant', 'chez', 'selon',
  'plus', 'sont', 'nous', 'vous', 'je', 'y', 'en', 'suite', 'tel', 'svp', 'ou', 'aussi', 'donc', 'car', 'lui', 'leur', 'cette', 'cet', 'tout', 'tous', 'sera']);
const ENGLISH = new Set(['the', 'an', 'and', 'is', 'are', 'was', 'were', 'to', 'of', 'in', 'for', 'with', 'at', 'he', 'she', 'his', 'her', 'not', 'it', 'this',
  'that', 'be', 'has', 'have', 'had', 'customer', 'asked', 'wants', 'called', 'from', 'will', 'by', 'about', 'after', 'before', 'very', 'they', 'them', 'their', 'we', 'our',
  'you', 'your', 'please', 'call', 'back', 'been', 'who', 'which', 'would', 'could', 'should', 'until', 'since', 'does', 'did', 'do', 'no', 'any', 'all', 'out', 'up']);

const FRENCH_LETTERS = /[éèêàùçôîœ]/i;

/** 'fr', 'en', or undefined when the words do not tell. */
export function guessLanguage(words: readonly Word[], original = ''): Lang | undefined {
  // Letters only French writes here count too: "é", "è", "à", "ç" before accents were folded away.
  let french = FRENCH_LETTERS.test(original) ? 1 : 0;
  let english = 0;
  // The first words tell: a long note does not need reading to its end.
  for (let i = 0; i < words.length && i < 100; i++) {
    const word = words[i]!;
    if (FRENCH.has(word.text)) french++;
    if (ENGLISH.has(word.text)) english++;
  }
  if (french > english) return 'fr';
  if (english > french) return 'en';
  return undefined;
}
