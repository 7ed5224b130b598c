/**
 * Shapes of French identity document numbers. They carry no check digit of their own, so a shape
 * alone proves little: the detector only counts one next to words naming the document.
 */
import { withoutSeparators } from './checksums.js';

export function normaliseDocumentNumber(text: string): string {
  return withoutSeparators(text).toUpperCase();
}

/** French passport: two digits, two letters, five digits ("18AB12345"). */
export function isFrenchPassportNumber(text: string): boolean {
  return /^\d{2}[A-Z]{2}\d{5}$/.test(normaliseDocumentNumber(text));
}

/** French identity card: 12 digits (cards issued before 2021) or 9 letters and digits with both (since 2021). */
export function isFrenchIdCardNumber(text: string): boolean {
  const number = normaliseDocumentNumber(text);
  if (/^\d{12}$/.test(number)) return true;
  return /^[A-Z0-9]{9}$/.test(number) && /\d/.test(number) && /[A-Z]/.test(number);
}
