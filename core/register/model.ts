/**
 * The processing register (GDPR Art. 30): why each piece of data is held, on
 * what basis, for how long and for whom. A processing activity is versioned:
 * every change is a new version, and the register reads the latest one.
 */
import type { Role } from '../actor.js';
import type { CategoryHeading } from './headings.js';

/** GDPR Art. 6(1) a–f. */
export const LEGAL_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export type LegalBasisKind = (typeof LEGAL_BASES)[number];

/** GDPR Art. 9(2) a–j: the condition that lifts the ban on processing special categories. */
export const ART9_CONDITIONS = [
  'explicit_consent',
  'employment_social_protection',
  'vital_interests',
  'not_for_profit_body',
  'made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_or_social_care',
  'public_health',
  'archiving_research_statistics',
] as const;
export type Art9Condition = (typeof ART9_CONDITIONS)[number];

/** The CNIL template's categories of data subjects. */
export const SUBJECT_CATEGORIES = ['customers', 'prospects', 'employees', 'candidates', 'suppliers', 'users', 'patients', 'visitors', 'other'] as const;
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

export const RECIPIENT_KINDS = ['internal', 'external', 'processor'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Chapter V: what makes a transfer outside the EEA lawful. */
export const SAFEGUARDS = ['adequacy_decision', 'standard_contractual_clauses', 'binding_corporate_rules', 'code_of_conduct', 'certification', 'art49_derogation'] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

/** The event a retention period counts from. */
export const RETENTION_EVENTS = ['collection', 'last_contact', 'end_of_contract', 'payment', 'end_of_financial_year', 'end_of_recruitment', 'other'] as const;
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];

export const END_OF_RETENTION = ['erase', 'anonymise'] as const;
export type EndOfRetention = (typeof END_OF_RETENTION)[number];

/** A text in French and/or English; French first, at least one of them. */
export interface LocalizedText {
  fr?: string;
  en?: string;
}

export interface LegalBasis {
  basis: LegalBasisKind;
  /** Which law, contract or interest, e.g. "Code de commerce, art. L123-22". */
  detail?: string;
  /** Required where special categories are processed (GDPR Art. 9(2)). */
  art9Condition?: Art9Condition;
  art9Detail?: string;
}

/**
 * How long a category of data is kept: an active period after the event, then
 * an intermediate archive (restricted access), then erased or anonymised.
 * Periods are ISO 8601 durations (P3Y, P13M, P0D).
 */
export interface Retention {
  from: RetentionEvent;
  /** Says what the event is when `from` is `other`, or refines it. */
  fromDetail?: string;
  active: string;
  archive?: string;
  then: EndOfRetention;
  /** Where the period comes from: a law, a CNIL référentiel, a contract. */
  basis: string;
}

export interface ProcessingCategory {
  category: CategoryHeading;
  /** e.g. "nom, prénom, adresse postale". */
  detail?: string;
  retention?: Retention;
}

export interface Recipient {
  kind: RecipientKind;
  name: string;
  purpose?: string;
  /** For a processor (Art. 28): the contract or data processing agreement. */
  contractRef?: string;
}

export interface Transfer {
  recipient: string;
  /** ISO 3166-1 alpha-2, outside the EEA. */
  country: string;
  safeguard?: Safeguard;
  /** Where the safeguard's document is (clauses, adequacy decision). */
  documentUrl?: string;
}

export interface AutomatedDecision {
  description: string;
  logic?: string;
  consequences?: string;
}

/** What the DPO writes about one processing activity. */
export interface ProcessingContent {
  reference?: string;
  name: LocalizedText;
  purposes: LocalizedText[];
  legalBasis?: LegalBasis;
  dataSubjects: { category: SubjectCategory; detail?: string }[];
  dataCategories: ProcessingCategory[];
  recipients: Recipient[];
  transfers: Transfer[];
  source?: string;
  securityMeasures: string[];
  automatedDecision?: AutomatedDecision;
  /** Sources and caveats, e.g. a template's citations. */
  note?: string;
}

export type ProcessingStatus = 'active' | 'archived';

/** One stored version of a processing activity; never changed once written. */
export interface ProcessingVersion extends ProcessingContent {
  /** `<id>@<version>`: unique, so two writers cannot both write the same version. */
  _id: string;
  id: string;
  version: number;
  status: ProcessingStatus;
  /** The template it was created from, if any. */
  template?: string;
  createdAt: Date;
  /** When this version was written, and by whom. */
  at: Date;
  by: { sub: string; role: Role };
  change: 'created' | 'updated' | 'archived' | 'restored';
}

/** A connector's object (and some of its fields, or all) holds data of a processing. */
export interface ProcessingMapping {
  _id: string;
  connectorId: string;
  object: string;
  /** Null: the whole object. */
  fields: string[] | null;
  processingId: string;
  at: Date;
  by: { sub: string; role: Role };
}

/** Art. 30(1)(a): who keeps the register. Set by the DPO. */
export interface ControllerIdentity {
  name: string;
  address?: string;
  email?: string;
  phone?: string;
  /** SIREN or other registration number. */
  registration?: string;
  /** Art. 27: the representative in the EU, for a controller outside it. */
  representative?: string;
  dpo: { name?: string; email?: string; phone?: string; address?: string };
}

export function versionKey(id: string, version: number): string {
  return `${id}@${version}`;
}

/** The name in the language asked, else in the other one. */
export function textIn(text: LocalizedText | undefined, language: 'fr' | 'en'): string {
  if (!text) return '';
  return (language === 'fr' ? (text.fr ?? text.en) : (text.en ?? text.fr)) ?? '';
}
