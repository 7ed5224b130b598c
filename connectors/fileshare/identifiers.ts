/**
 * Identifiers found in a fragment's text: emails, phone numbers (E.164) and
 * the names written beside them. The index keeps hashes of them, not them.
 */
import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { normaliseEmail, normalisePhone, type SubjectIdentity } from '../../core/identity.js';

export type FoundKind = 'email' | 'phone' | 'name';

export interface FoundIdentifier {
  kind: FoundKind;
  /** Normalised: lower-cased email, E.164 phone, trimmed name. */
  value: string;
  /** As written in the document. */
  raw: string;
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Digits with the separators people type; each candidate is then validated by libphonenumber.
const PHONE_CANDIDATE = /\+?\(?\d[\d \t\u00a0()./-]{6,20}\d/g;
const NAME_BEFORE = /((?:\p{Lu}[\p{L}'’-]+[ \t]+){1,3}\p{Lu}[\p{L}'’-]+)[ \t]*[<(:,–-]?[ \t]*["']?$/u;
const HONORIFICS = /^(?:(?:Mr|Mrs|Ms|Dr|Dear|Hello|Hi|Madame|Monsieur|Mme|Mlle|M|Bonjour|Cher|Chère|Client|Cliente|Contact|Herr|Frau|Signora|Signor)\.?[ \t]+)+/u;

export function findIdentifiers(text: string, defaultCountry: string, names: readonly string[] = []): FoundIdentifier[] {
  const found: FoundIdentifier[] = [];
  const seen = new Set<string>();
  const add = (kind: FoundKind, value: string | undefined, raw: string) => {
    if (!value || seen.has(`${kind}:${value}`)) return;
    seen.add(`${kind}:${value}`);
    found.push({ kind, value, raw });
  };
  for (const match of text.matchAll(EMAIL)) {
    const raw = match[0].replace(/^[.'-]+|[.'-]+$/g, '');
    // `.invalid` is reserved (RFC 2606): nobody's address, e.g. what redaction leaves behind.
    if (/\.invalid$/i.test(raw)) continue;
    add('email', normaliseEmail(raw), raw);
    const before = NAME_BEFORE.exec(text.slice(Math.max(0, match.index - 80), match.index));
    const name = before?.[1]?.replace(HONORIFICS, '').trim();
    if (name && name.includes(' ')) add('name', name, name);
  }
  // Emails hold digits too; blank them so they do not read as phone numbers.
  const withoutEmails = text.replace(EMAIL, (m) => ' '.repeat(m.length));
  for (const match of withoutEmails.matchAll(PHONE_CANDIDATE)) {
    add('phone', normalisePhone(match[0], defaultCountry as CountryCode), match[0].trim());
  }
  for (const name of names) {
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (trimmed && found.some((f) => f.kind !== 'name')) add('name', trimmed, trimmed);
  }
  return found;
}

/** The index's key for an identifier: a hash, so the index itself holds no address or number. */
export function identifierHash(kind: FoundKind, value: string): string {
  const normalised = kind === 'name' ? value.toLowerCase().normalize('NFC') : value;
  return createHash('sha256').update(`${kind}:${normalised}`).digest('hex').slice(0, 32);
}

/** Hashes of the identifiers a subject is located by (names never identify on their own). */
export function subjectHashes(identity: SubjectIdentity): { kind: 'email' | 'phone'; hash: string }[] {
  const hashes: { kind: 'email' | 'phone'; hash: string }[] = [];
  if (identity.email) hashes.push({ kind: 'email', hash: identifierHash('email', identity.email) });
  if (identity.phone) hashes.push({ kind: 'phone', hash: identifierHash('phone', identity.phone) });
  return hashes;
}
