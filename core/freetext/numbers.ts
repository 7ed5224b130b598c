/** Numbers that identify a person or an account, found by shape and kept only when their check digits are right. */
import { IBAN_LENGTHS, isValidIban } from '../validators/iban.js';
import { isFrenchIdCardNumber, isFrenchPassportNumber } from '../validators/identity-document.js';
import { isValidNino, isValidSsn } from '../validators/national-insurance.js';
import { isValidNir } from '../validators/nir.js';
import { isValidCardNumber } from '../validators/payment-card.js';
import { isValidRib } from '../validators/rib.js';
import type { FreeTextCategory } from './categories.js';

export interface NumberFinding {
  start: number;
  end: number;
  category: FreeTextCategory;
  rule: string;
  confidence: number;
}

const IBAN_START = /\b([A-Za-z]{2})\d{2}(?=[ -]?[A-Za-z0-9])/g;
const NIR = /\b[1-478][ .-]?\d{2}[ .-]?\d{2}[ .-]?(?:\d{2}|2[ABab])[ .-]?\d{3}[ .-]?\d{3}[ .-]?\d{2}\b/g;
const DIGIT_RUN = /\b\d(?:[ -]?\d){11,22}\b/g;
const RIB = /\b\d{5}[ ]?\d{5}[ ]?[A-Za-z0-9]{11}[ ]?\d{2}\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const NINO = /\b[A-Za-z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-Da-d]\b/g;
const SECURITY_CODE = /\b(?:cvv2?|cvc2?|cryptogramme|crypto|code de s[ée]curit[ée]|security code)\s*:?\s*(\d{3,4})\b/gi;
const DOCUMENT_NUMBER = /\b(?:\d{2}[A-Za-z]{2}\d{5}|\d{12}|\d{9}|[A-Za-z0-9]{9})\b/g;

// Words before a number that say it is something else: an order, an invoice, a company.
const NOT_PERSONAL = /(siret|siren|tva|vat|commande|order|facture|invoice|ticket|ref|réf|colis|tracking|suivi|dossier|contrat|tel|tél|phone|fax|mobile|portable|imei|serial|série)\W{0,5}(n°|no|num|number|numéro|#)?\W{0,3}$/i;
const NATIONAL_ID_WORDS = /(s[ée]cu|s[ée]curit[ée] sociale|nir|insee|vitale|national insurance|\bni\b|ssn|social security)/i;
const PASSPORT_WORDS = /passe?port/i;
const ID_CARD_WORDS = /(\bcni\b|carte d.identit|identity card|id card|carte nationale)/i;
const LICENCE_WORDS = /(permis|licen[cs]e)/i;
const DOCUMENT_WORDS = /(passe?port|\bcni\b|identit|id card|permis|licen[cs]e)/gi;

function before(text: string, start: number, length: number): string {
  return text.slice(Math.max(0, start - length), start);
}

function eachMatch(pattern: RegExp, text: string, found: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found(match);
}

/** An IBAN runs for its country's length, whatever groups it was typed in. */
function ibanAt(text: string, start: number, country: string): number | undefined {
  const length = IBAN_LENGTHS[country.toUpperCase()];
  if (!length) return undefined;
  let count = 0;
  let i = start;
  for (; i < text.length && count < length; i++) {
    const c = text[i]!;
    if (/[A-Za-z0-9]/.test(c)) count++;
    else if (!((c === ' ' || c === '-') && /[A-Za-z0-9]/.test(text[i + 1] ?? ''))) break;
  }
  if (count !== length || /[A-Za-z0-9]/.test(text[i] ?? '')) return undefined;
  return isValidIban(text.slice(start, i)) ? i : undefined;
}

/** Card numbers typed in groups: the longest run of groups that forms a valid number. */
function cardIn(run: string): number | undefined {
  const groups = run.split(/[ -]/);
  let best: number | undefined;
  let length = 0;
  for (let g = 0; g < groups.length; g++) {
    length += (g > 0 ? 1 : 0) + groups[g]!.length;
    const candidate = run.slice(0, length);
    const digits = candidate.replace(/\D/g, '').length;
    if (digits > 19) break;
    if (digits >= 12 && isValidCardNumber(candidate)) best = length;
  }
  return best;
}

export function findNumbers(text: string): NumberFinding[] {
  if (!/\d{2}/.test(text)) return [];
  const found: NumberFinding[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (start: number, end: number, category: FreeTextCategory, rule: string, confidence: number) => {
    if (!taken(start, end)) found.push({ start, end, category, rule, confidence });
  };
  eachMatch(IBAN_START, text, (m) => {
    const end = ibanAt(text, m.index, m[1]!);
    if (end !== undefined) add(m.index, end, 'bank', 'iban', 0.98);
  });
  eachMatch(NIR, text, (m) => {
    if (isValidNir(m[0])) add(m.index, m.index + m[0].length, 'national_id', 'nir', 0.97);
  });
  eachMatch(RIB, text, (m) => {
    if (isValidRib(m[0])) add(m.index, m.index + m[0].length, 'bank', 'rib', 0.95);
  });
  eachMatch(DIGIT_RUN, text, (m) => {
    if (NOT_PERSONAL.test(before(text, m.index, 30))) return;
    const length = cardIn(m[0]);
    if (length !== undefined) add(m.index, m.index + length, 'bank', 'payment-card', 0.95);
  });
  eachMatch(SECURITY_CODE, text, (m) => add(m.index + m[0].length - m[1]!.length, m.index + m[0].length, 'bank', 'card-security-code', 0.85));
  eachMatch(SSN, text, (m) => {
    if (!isValidSsn(m[0])) return;
    add(m.index, m.index + m[0].length, 'national_id', 'us-ssn', NATIONAL_ID_WORDS.test(before(text, m.index, 40)) ? 0.95 : 0.7);
  });
  eachMatch(NINO, text, (m) => {
    const cue = NATIONAL_ID_WORDS.test(before(text, m.index, 40));
    if (isValidNino(m[0]) && (cue || m[0] === m[0].toUpperCase())) add(m.index, m.index + m[0].length, 'national_id', 'uk-nino', cue ? 0.95 : 0.8);
  });
  // Document numbers have no check digit: only those within 40 characters after a word naming the document count.
  eachMatch(DOCUMENT_WORDS, text, (word) => {
    const from = word.index + word[0].length;
    const window = text.slice(from, from + 40);
    eachMatch(DOCUMENT_NUMBER, window, (m) => {
      const start = from + m.index;
      const context = before(text, start, 40);
      const number = m[0];
      if (PASSPORT_WORDS.test(context) && (isFrenchPassportNumber(number) || /^\d{9}$/.test(number))) add(start, start + number.length, 'identity_document', 'passport-number', 0.9);
      else if (ID_CARD_WORDS.test(context) && isFrenchIdCardNumber(number)) add(start, start + number.length, 'identity_document', 'id-card-number', 0.85);
      else if (LICENCE_WORDS.test(context) && /^\d{12}$/.test(number)) add(start, start + number.length, 'identity_document', 'driving-licence-number', 0.8);
    });
  });
  return found;
}
