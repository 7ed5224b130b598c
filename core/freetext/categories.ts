/** What the free-text detector finds, and where each finding sits among Gardien's data categories. */
import type { DataCategory } from '../categories.js';

export const FREE_TEXT_CATEGORIES = [
  'health', // GDPR Art. 9: illness, disability, pregnancy, treatment, addiction
  'beliefs', // Art. 9: religious or philosophical beliefs
  'political_opinion', // Art. 9
  'trade_union', // Art. 9: membership, union role, strikes
  'sex_life', // Art. 9: sex life or sexual orientation
  'ethnic_origin', // Art. 9: racial or ethnic origin
  'genetic_biometric', // Art. 9: genetic data, biometric templates
  'offences', // Art. 10: offences and convictions
  'national_id', // NIR, National Insurance, Social Security numbers
  'bank', // IBAN, RIB, payment cards
  'identity_document', // identity card, passport, residence permit, driving licence
  'subjective', // insults and subjective judgements about the person
] as const;

export type FreeTextCategory = (typeof FREE_TEXT_CATEGORIES)[number];

/** Where a finding of each category belongs among the data categories a field is classified into. */
export const DATA_CATEGORY_OF: Readonly<Record<FreeTextCategory, DataCategory>> = {
  health: 'special',
  beliefs: 'special',
  political_opinion: 'special',
  trade_union: 'special',
  sex_life: 'special',
  ethnic_origin: 'special',
  genetic_biometric: 'special',
  offences: 'criminal',
  national_id: 'identity',
  bank: 'financial',
  identity_document: 'identity',
  // An insulting or subjective remark is communication, but one a company has no right to keep.
  subjective: 'communication',
};

export function isFreeTextCategory(value: string): value is FreeTextCategory {
  return (FREE_TEXT_CATEGORIES as readonly string[]).includes(value);
}
