/**
 * The French NIR (numéro de sécurité sociale): 13 characters and a 2-digit key, 97 − (number mod 97).
 * Born in Corsica: the department is 2A or 2B, counted as 19 and 18 for the key.
 */
import { mod97, withoutSeparators } from './checksums.js';

// Sex (1, 2; 3, 4, 7, 8 for temporary numbers), year, month (01-12, or 20-42 and 50-99 when unknown), department, commune, order.
const SHAPE = /^[1-478]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{6}\d{2}$/;

/** Upper case, without the spaces, dots and dashes people type between the groups ("1 85 05 78 006 084 36"). */
export function normaliseNir(text: string): string {
  return withoutSeparators(text).toUpperCase();
}

/** The key a 13-character NIR must end with, as two digits. */
export function nirKey(first13: string): string {
  const digits = first13.toUpperCase().replace('2A', '19').replace('2B', '18');
  return String(97 - mod97(digits)).padStart(2, '0');
}

/** True for a NIR of the right shape whose key is right. */
export function isValidNir(text: string): boolean {
  const nir = normaliseNir(text);
  if (!SHAPE.test(nir)) return false;
  return nirKey(nir.slice(0, 13)) === nir.slice(13);
}
