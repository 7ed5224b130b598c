/**
 * The French RIB: bank code (5), branch code (5), account number (11, letters allowed), key (2),
 * with key = 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), letters counted as digits.
 */
import { withoutSeparators } from './checksums.js';

// A,J → 1; B,K,S → 2; … I,R,Z → 9: the banks' own letter table.
const LETTER_VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((_, i) => String((i < 9 ? i : i < 18 ? i - 9 : i - 17) + 1));

export function normaliseRib(text: string): string {
  return withoutSeparators(text).toUpperCase();
}

function accountDigits(account: string): string {
  return account.replace(/[A-Z]/g, (letter) => LETTER_VALUE[letter.charCodeAt(0) - 65]!);
}

/** True for 23 characters (bank, branch, account, key) whose key is right. */
export function isValidRib(text: string): boolean {
  const rib = normaliseRib(text);
  if (!/^\d{10}[A-Z0-9]{11}\d{2}$/.test(rib)) return false;
  const bank = Number(rib.slice(0, 5));
  const branch = Number(rib.slice(5, 10));
  const account = Number(accountDigits(rib.slice(10, 21)));
  // 89·bank + 15·branch + 3·account stays below 2^53 for 11-digit accounts.
  const key = 97 - ((89 * bank + 15 * branch + 3 * account) % 97);
  return key === Number(rib.slice(21));
}
