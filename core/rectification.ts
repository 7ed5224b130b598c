/**
 * Rectification (GDPR Art. 16): the subject names what is wrong in their own
 * words — "my phone number", "my last name" — not in each system's field
 * names. A personal attribute is that shared vocabulary; each system's fields
 * are matched to it by name, so no connector needs code for it.
 */
import type { CountryCode } from 'libphonenumber-js';
import { ValidationError, type FieldProblem } from './errors.js';
import { normaliseEmail, normalisePhone, type SubjectIdentity } from './identity.js';

export const PERSONAL_ATTRIBUTES = ['email', 'phone', 'firstName', 'lastName', 'address', 'city', 'postalCode', 'country', 'birthDate'] as const;
export type PersonalAttribute = (typeof PERSONAL_ATTRIBUTES)[number];

export interface RectificationChange {
  attribute: PersonalAttribute;
  value: string;
}

// Field names as the systems spell them, lower-cased with separators removed (e.g. MailingPostalCode, postal_code, zip).
const FIELD_NAMES: Record<PersonalAttribute, RegExp> = {
  email: /^(e?mail|emailaddress|personemail|courriel|hsemail)$/,
  phone: /^(phone|phonenumber|telephone|tel|mobile|mobilephone|mobilephonenumber|cellphone|homephone|otherphone|personmobilephone)$/,
  firstName: /^(firstname|givenname|forename|prenom)$/,
  lastName: /^(lastname|surname|familyname|nom)$/,
  address: /^(address|address1|street|streetaddress|mailingstreet|billingstreet|adresse)$/,
  city: /^(city|town|mailingcity|billingcity|ville)$/,
  postalCode: /^(postalcode|postcode|zip|zipcode|mailingpostalcode|billingpostalcode|codepostal)$/,
  country: /^(country|mailingcountry|billingcountry|pays)$/,
  birthDate: /^(birthdate|dateofbirth|dob|birthday|datenaissance)$/,
};

/** The personal attribute a field holds, judged by its name; null when it holds none of them. */
export function attributeOfField(fieldName: string): PersonalAttribute | null {
  const name = fieldName.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const attribute of PERSONAL_ATTRIBUTES) if (FIELD_NAMES[attribute].test(name)) return attribute;
  return null;
}

const MAX_VALUE = 500;

/**
 * Validates the corrections asked for: known attributes, each once, values
 * that make sense (an email is an email, a phone number becomes E.164).
 */
export function normaliseRectification(input: readonly { attribute: string; value: string }[], defaultCountry: CountryCode): RectificationChange[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const changes: RectificationChange[] = [];
  if (input.length === 0) problems.push({ path: 'rectification', message: 'say at least one thing to correct' });
  input.forEach((change, i) => {
    const path = `rectification.${i}`;
    const attribute = PERSONAL_ATTRIBUTES.find((a) => a.toLowerCase() === change.attribute.trim().toLowerCase());
    if (!attribute) return problems.push({ path: `${path}.attribute`, message: `unknown; one of ${PERSONAL_ATTRIBUTES.join(', ')}` });
    if (seen.has(attribute)) return problems.push({ path: `${path}.attribute`, message: `${attribute} is given twice` });
    seen.add(attribute);
    const raw = change.value.trim();
    if (raw === '') return problems.push({ path: `${path}.value`, message: 'the correct value is needed' });
    if (raw.length > MAX_VALUE) return problems.push({ path: `${path}.value`, message: `at most ${MAX_VALUE} characters` });
    const value = attribute === 'email' ? normaliseEmail(raw) : attribute === 'phone' ? normalisePhone(raw, defaultCountry) : attribute === 'birthDate' ? isoDate(raw) : raw;
    if (value === undefined) return problems.push({ path: `${path}.value`, message: `"${raw}" is not a valid ${attribute}` });
    changes.push({ attribute, value });
  });
  if (problems.length > 0) throw new ValidationError('The correction cannot be accepted', problems);
  return changes;
}

function isoDate(raw: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw ? undefined : raw;
}

/**
 * Which of a record's fields a correction applies to. An identifier (email,
 * phone) is changed only where the record holds one — an empty office line is
 * not made the new mobile number — and, when the subject's current one is
 * known, only where it is that one: a contact's second phone number is
 * someone else's business. Other attributes are corrected or completed
 * wherever the record has the field. Fields already right are left out.
 */
export function fieldsToRectify(
  fields: Record<string, unknown>,
  changes: readonly RectificationChange[],
  identity: SubjectIdentity,
  defaultCountry: CountryCode,
): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  for (const [field, current] of Object.entries(fields)) {
    const attribute = attributeOfField(field);
    const change = attribute ? changes.find((c) => c.attribute === attribute) : undefined;
    if (!change || sameValue(attribute!, current, change.value, defaultCountry)) continue;
    if ((attribute === 'email' || attribute === 'phone') && isEmpty(current)) continue;
    if (attribute === 'email' && identity.email && !sameValue('email', current, identity.email, defaultCountry)) continue;
    if (attribute === 'phone' && identity.phone && !sameValue('phone', current, identity.phone, defaultCountry)) continue;
    out.push({ field, value: change.value });
  }
  return out;
}

const isEmpty = (value: unknown) => value === null || value === undefined || String(value).trim() === '';

/** Whether a stored value already says `wanted` (emails by case, phones in E.164, dates by day). */
export function sameValue(attribute: PersonalAttribute, current: unknown, wanted: string, defaultCountry: CountryCode): boolean {
  if (current === null || current === undefined) return false;
  const text = current instanceof Date ? current.toISOString() : String(current).trim();
  if (attribute === 'email') return normaliseEmail(text) === wanted.toLowerCase();
  if (attribute === 'phone') return normalisePhone(text, defaultCountry) === normalisePhone(wanted, defaultCountry);
  if (attribute === 'birthDate') return text.slice(0, 10) === wanted;
  return text === wanted;
}
