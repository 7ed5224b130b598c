/**
 * Data categories a field can hold. `special` is GDPR Art. 9 data (health,
 * religion, …) and `criminal` Art. 10: both are marked as sensitive findings.
 */
export const DATA_CATEGORIES = [
  'identity', // names, date of birth, customer number
  'contact', // email, phone, postal address
  'location', // addresses, cities, geo data
  'financial', // payments, amounts, bank and card data
  'transaction', // orders, rentals, invoices
  'behavioural', // activity, logs, preferences
  'communication', // notes, emails, messages, free text
  'technical', // ids, timestamps, IP addresses
  'special', // Art. 9 special category
  'criminal', // Art. 10
  'other',
] as const;

export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const SENSITIVE_CATEGORIES: ReadonlySet<DataCategory> = new Set(['special', 'criminal']);

export function isDataCategory(value: string): value is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(value);
}

interface Rule {
  pattern: RegExp;
  category: DataCategory;
}

// Order matters: the first rule whose pattern matches the column name wins.
const NAME_RULES: Rule[] = [
  { pattern: /(health|medical|diagnos|disab|religio|ethnic|racial|sexual|biometric|genetic|union|political|allerg)/, category: 'special' },
  { pattern: /(criminal|conviction|offen[cs]e)/, category: 'criminal' },
  { pattern: /(e_?mail|phone|mobile|fax|contact)/, category: 'contact' },
  { pattern: /(iban|bic|card|account_?n|amount|price|payment|salary|balance|tax|vat|credit|debit|bank)/, category: 'financial' },
  { pattern: /(address|street|city|postal|zip|post_?code|country|district|region|lat(itude)?$|lon(gitude)?$|geo)/, category: 'location' },
  { pattern: /(first_?name|last_?name|full_?name|surname|given_?name|^name$|birth|dob|gender|title|salutation|nationality|passport|ssn|national_?id)/, category: 'identity' },
  { pattern: /(note|comment|description|message|body|remark|text|subject)/, category: 'communication' },
  { pattern: /(rental|order|invoice|purchase|booking|subscription)/, category: 'transaction' },
  { pattern: /(ip_?addr|user_?agent|cookie|device|session|token|password|hash)/, category: 'technical' },
  { pattern: /(last_?login|visit|click|preference|activity|score|segment)/, category: 'behavioural' },
  { pattern: /(^id$|_id$|^created|^updated|last_update|_at$|_date$|^active$|^status$)/, category: 'technical' },
];

/** Guesses a field's category from its name and (optionally) its type. */
export function guessCategory(fieldName: string, type?: string): DataCategory {
  const name = fieldName.toLowerCase();
  for (const rule of NAME_RULES) if (rule.pattern.test(name)) return rule.category;
  const t = type?.toLowerCase() ?? '';
  if (/(money|numeric|decimal)/.test(t) && /(amount|total|sum)/.test(name)) return 'financial';
  if (/(timestamp|date|time)/.test(t)) return 'technical';
  return 'other';
}

/** Free text can hide anything (health, opinions): flagged for human review. */
export function looksLikeFreeText(fieldName: string, type?: string): boolean {
  const name = fieldName.toLowerCase();
  const t = type?.toLowerCase() ?? '';
  return /(note|comment|description|message|body|remark|text)/.test(name) || /^(text|longtext|mediumtext|clob)$/.test(t);
}
