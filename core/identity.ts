import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ValidationError, type FieldProblem } from './errors.js';

/** How a subject was identified to us; at least one identifier is required. */
export interface IdentityInput {
  email?: string | null;
  phone?: string | null;
  /** An id in one system, e.g. a CRM contact id or a customer number. */
  externalId?: string | null;
  /** Which connector (id or name) the external id belongs to; any system when absent. */
  externalSystem?: string | null;
  /** A name helps a human confirm a match; it never identifies on its own. */
  name?: string | null;
}

export type IdentifierKind = 'email' | 'phone' | 'externalId';

export interface SubjectIdentity {
  /** Lower-cased, trimmed. */
  email?: string;
  /** E.164, e.g. +33612345678. */
  phone?: string;
  externalId?: string;
  externalSystem?: string;
  name?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

/** E.164, or undefined when the text is not a phone number. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'FR'): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Validates and normalises an identity; throws ValidationError naming each bad field. */
export function normaliseIdentity(input: IdentityInput, defaultCountry: CountryCode = 'FR'): SubjectIdentity {
  const problems: FieldProblem[] = [];
  const identity: SubjectIdentity = {};
  if (input.email != null && input.email.trim() !== '') {
    const email = normaliseEmail(input.email);
    if (email) identity.email = email;
    else problems.push({ path: 'email', message: `"${input.email}" is not an email address` });
  }
  if (input.phone != null && input.phone.trim() !== '') {
    const phone = normalisePhone(input.phone, defaultCountry);
    if (phone) identity.phone = phone;
    else problems.push({ path: 'phone', message: `"${input.phone}" is not a valid phone number` });
  }
  if (input.externalId != null && input.externalId.trim() !== '') {
    identity.externalId = input.externalId.trim();
    if (input.externalSystem?.trim()) identity.externalSystem = input.externalSystem.trim();
  }
  if (input.name?.trim()) identity.name = input.name.trim();
  if (problems.length > 0) throw new ValidationError('The identity is not valid', problems);
  if (!identity.email && !identity.phone && !identity.externalId) {
    throw new ValidationError('An identity needs an email, a phone number or an external id', [
      { path: 'identity', message: 'no identifier given' },
    ]);
  }
  return identity;
}

/** A stable text form, used for keyed hashing and de-duplication (never logged). */
export function identityKey(identity: SubjectIdentity): string {
  return [
    identity.email ? `email:${identity.email}` : '',
    identity.phone ? `phone:${identity.phone}` : '',
    identity.externalId ? `ext:${identity.externalSystem ?? '*'}:${identity.externalId}` : '',
  ]
    .filter(Boolean)
    .join('|');
}
