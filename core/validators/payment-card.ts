/** Payment card numbers (PAN): a known issuer prefix, that issuer's lengths, and the Luhn check. */
import { passesLuhn, withoutSeparators } from './checksums.js';

interface Issuer {
  name: string;
  prefix: RegExp;
  lengths: readonly number[];
}

const ISSUERS: readonly Issuer[] = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'amex', prefix: /^3[47]/, lengths: [15] },
  { name: 'diners', prefix: /^(30[0-5]|309|36|3[89])/, lengths: [14, 16, 17, 18, 19] },
  { name: 'discover', prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'jcb', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'maestro', prefix: /^(50|5[6-9]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { name: 'mir', prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
];

/** The digits alone, without the spaces and dashes of "4970 1012 3456 7899". */
export function normaliseCardNumber(text: string): string {
  return withoutSeparators(text);
}

/** The issuer a card number's prefix and length belong to, if any. */
export function cardIssuer(text: string): string | undefined {
  const digits = normaliseCardNumber(text);
  if (!/^\d+$/.test(digits)) return undefined;
  return ISSUERS.find((issuer) => issuer.prefix.test(digits) && issuer.lengths.includes(digits.length))?.name;
}

/** True for a number of a known issuer's prefix and length that passes Luhn (and is not one digit repeated). */
export function isValidCardNumber(text: string): boolean {
  const digits = normaliseCardNumber(text);
  if (cardIssuer(digits) === undefined || /^(\d)\1+$/.test(digits)) return false;
  return passesLuhn(digits);
}
