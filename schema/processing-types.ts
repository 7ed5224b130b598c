/** The processing register's output types: a processing activity and its parts, read by dpo, it and agent. */
import { CATEGORY_HEADINGS, headingInfo, isSpecialHeading, type CategoryHeading } from '../core/register/headings.js';
import { ART9_LABELS, LEGAL_BASIS_LABELS } from '../core/register/labels.js';
import {
  ART9_CONDITIONS,
  END_OF_RETENTION,
  LEGAL_BASES,
  RECIPIENT_KINDS,
  RETENTION_EVENTS,
  SAFEGUARDS,
  SUBJECT_CATEGORIES,
  textIn,
  type AutomatedDecision,
  type LegalBasis,
  type LocalizedText,
  type ProcessingCategory,
  type ProcessingContent,
  type Recipient,
  type Retention,
  type Transfer,
} from '../core/register/model.js';
import { retentionEnds } from '../core/register/periods.js';
import { retentionText } from '../core/register/text.js';
import { builder } from './builder.js';
import { LanguageEnum } from './request.js';

export const REGISTER_READERS = { dpo: true, it: true, agent: true } as const;

/** A GraphQL enum over a list of codes, each named in capitals (`legal_obligation` → `LEGAL_OBLIGATION`). */
export function codeEnum<T extends string>(name: string, codes: readonly T[], description?: string) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(codes.map((code) => [code.toUpperCase(), { value: code }])) as Record<string, { value: T }>,
  });
}

export const LegalBasisKindEnum = codeEnum('LegalBasisKind', LEGAL_BASES, 'GDPR Art. 6(1) a–f.');
export const Art9ConditionEnum = codeEnum('Art9Condition', ART9_CONDITIONS, 'GDPR Art. 9(2) a–j: what allows processing special categories.');
export const SubjectCategoryEnum = codeEnum('SubjectCategory', SUBJECT_CATEGORIES);
export const RecipientKindEnum = codeEnum('RecipientKind', RECIPIENT_KINDS);
export const SafeguardEnum = codeEnum('TransferSafeguard', SAFEGUARDS, 'GDPR Chapter V: what makes a transfer outside the EEA lawful.');
export const RetentionEventEnum = codeEnum('RetentionEvent', RETENTION_EVENTS, 'The event a retention period counts from.');
export const EndOfRetentionEnum = codeEnum('EndOfRetention', END_OF_RETENTION);
export const DataHeadingEnum = codeEnum('RegisterDataCategory', CATEGORY_HEADINGS, 'Categories of personal data as the CNIL register template names them, with GDPR Art. 9 and 10 data.');


const LocalizedTextType = builder.objectRef<LocalizedText>('LocalizedText').implement({
  description: 'A text in French and/or English.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    fr: t.string({ nullable: true, resolve: (l) => l.fr ?? null }),
    en: t.string({ nullable: true, resolve: (l) => l.en ?? null }),
    text: t.string({ description: 'In the language asked, else in the other.', args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (l, args) => textIn(l, args.language ?? 'fr') }),
  }),
});

const LegalBasisType = builder.objectRef<LegalBasis>('LegalBasis').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    basis: t.field({ type: LegalBasisKindEnum, resolve: (b) => b.basis }),
    article: t.string({ description: 'e.g. 6(1)(c).', resolve: (b) => LEGAL_BASIS_LABELS[b.basis].article }),
    label: t.string({ args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (b, args) => LEGAL_BASIS_LABELS[b.basis][args.language ?? 'fr'] }),
    detail: t.string({ nullable: true, resolve: (b) => b.detail ?? null }),
    art9Condition: t.field({ type: Art9ConditionEnum, nullable: true, resolve: (b) => b.art9Condition ?? null }),
    art9Label: t.string({ nullable: true, args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (b, args) => (b.art9Condition ? ART9_LABELS[b.art9Condition][args.language ?? 'fr'] : null) }),
    art9Detail: t.string({ nullable: true, resolve: (b) => b.art9Detail ?? null }),
  }),
});

const RetentionType = builder.objectRef<Retention>('Retention').implement({
  description: 'An active period after the event, an intermediate archive, then erasure or anonymisation. Periods are ISO 8601 durations (P3Y, P13M).',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    from: t.field({ type: RetentionEventEnum, resolve: (r) => r.from }),
    fromDetail: t.string({ nullable: true, resolve: (r) => r.fromDetail ?? null }),
    active: t.exposeString('active'),
    archive: t.string({ nullable: true, resolve: (r) => r.archive ?? null }),
    then: t.field({ type: EndOfRetentionEnum, resolve: (r) => r.then }),
    basis: t.exposeString('basis', { description: 'Where the period comes from: a law, a CNIL référentiel, a contract.' }),
    text: t.string({ args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (r, args) => retentionText(r, args.language ?? 'fr') }),
    endsOn: t.field({
      type: 'DateTime',
      description: 'When the data is erased or anonymised for a person whose start event happened on `eventDate`.',
      args: { eventDate: t.arg({ type: 'DateTime', required: true }) },
      resolve: (r, args) => retentionEnds(r, args.eventDate).endsOn,
    }),
  }),
});

const ProcessingCategoryType = builder.objectRef<ProcessingCategory>('ProcessingDataCategory').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    category: t.field({ type: DataHeadingEnum, resolve: (c) => c.category }),
    label: t.string({ args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (c, args) => headingInfo(c.category as CategoryHeading)[args.language ?? 'fr'] }),
    special: t.boolean({ description: 'A GDPR Art. 9 special category.', resolve: (c) => isSpecialHeading(c.category) }),
    detail: t.string({ nullable: true, resolve: (c) => c.detail ?? null }),
    retention: t.field({ type: RetentionType, nullable: true, resolve: (c) => c.retention ?? null }),
  }),
});

const DataSubjectType = builder.objectRef<ProcessingContent['dataSubjects'][number]>('DataSubjectCategory').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    category: t.field({ type: SubjectCategoryEnum, resolve: (s) => s.category }),
    detail: t.string({ nullable: true, resolve: (s) => s.detail ?? null }),
  }),
});

const RecipientType = builder.objectRef<Recipient>('Recipient').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    kind: t.field({ type: RecipientKindEnum, resolve: (r) => r.kind }),
    name: t.exposeString('name'),
    purpose: t.string({ nullable: true, resolve: (r) => r.purpose ?? null }),
    contractRef: t.string({ nullable: true, description: 'For a processor: its contract (Art. 28).', resolve: (r) => r.contractRef ?? null }),
  }),
});

const TransferType = builder.objectRef<Transfer>('Transfer').implement({
  description: 'Personal data sent outside the EEA.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    recipient: t.exposeString('recipient'),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2.' }),
    safeguard: t.field({ type: SafeguardEnum, nullable: true, resolve: (x) => x.safeguard ?? null }),
    documentUrl: t.string({ nullable: true, resolve: (x) => x.documentUrl ?? null }),
  }),
});

const AutomatedDecisionType = builder.objectRef<AutomatedDecision>('AutomatedDecision').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    description: t.exposeString('description'),
    logic: t.string({ nullable: true, resolve: (a) => a.logic ?? null }),
    consequences: t.string({ nullable: true, resolve: (a) => a.consequences ?? null }),
  }),
});

/** What a DPO writes about a processing: shared by a stored processing and a template's draft. */
export const ProcessingContentInterface = builder.interfaceRef<ProcessingContent>('ProcessingContent').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    reference: t.string({ nullable: true, resolve: (p) => p.reference ?? null }),
    name: t.field({ type: LocalizedTextType, resolve: (p) => p.name }),
    purposes: t.field({ type: [LocalizedTextType], resolve: (p) => p.purposes }),
    legalBasis: t.field({ type: LegalBasisType, nullable: true, resolve: (p) => p.legalBasis ?? null }),
    dataSubjects: t.field({ type: [DataSubjectType], resolve: (p) => p.dataSubjects }),
    dataCategories: t.field({ type: [ProcessingCategoryType], resolve: (p) => p.dataCategories }),
    recipients: t.field({ type: [RecipientType], resolve: (p) => p.recipients }),
    transfers: t.field({ type: [TransferType], resolve: (p) => p.transfers }),
    source: t.string({ nullable: true, resolve: (p) => p.source ?? null }),
    securityMeasures: t.stringList({ resolve: (p) => p.securityMeasures }),
    automatedDecision: t.field({ type: AutomatedDecisionType, nullable: true, resolve: (p) => p.automatedDecision ?? null }),
    note: t.string({ nullable: true, description: 'Sources and caveats.', resolve: (p) => p.note ?? null }),
  }),
});

export const ProcessingDraftType = builder.objectRef<ProcessingContent>('ProcessingDraft').implement({
  description: 'A processing not recorded yet, as a template has it.',
  authScopes: REGISTER_READERS,
  interfaces: [ProcessingContentInterface],
  fields: () => ({}),
});
