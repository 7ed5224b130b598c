/**
 * What the DPO types to record or change a processing. Every field of
 * `ProcessingInput` is optional: on creation the template (if any) fills the
 * rest; on update an absent field stays as it was and `null` clears it. The
 * one check of the result is core's (zod), with problems per path.
 */
import type { ProcessingContent } from '../core/register/model.js';
import { builder } from './builder.js';
import {
  Art9ConditionEnum,
  DataHeadingEnum,
  EndOfRetentionEnum,
  LegalBasisKindEnum,
  RecipientKindEnum,
  RetentionEventEnum,
  SafeguardEnum,
  SubjectCategoryEnum,
} from './processing-types.js';

const LocalizedTextInput = builder.inputType('LocalizedTextInput', {
  description: 'French first; at least one of fr and en.',
  fields: (t) => ({ fr: t.string(), en: t.string() }),
});

const LegalBasisInput = builder.inputType('LegalBasisInput', {
  fields: (t) => ({
    basis: t.field({ type: LegalBasisKindEnum, required: true }),
    detail: t.string({ description: 'Which law, contract or interest.' }),
    art9Condition: t.field({ type: Art9ConditionEnum, description: 'Required where a special category (Art. 9) is processed.' }),
    art9Detail: t.string(),
  }),
});

const RetentionInput = builder.inputType('RetentionInput', {
  fields: (t) => ({
    from: t.field({ type: RetentionEventEnum, required: true }),
    fromDetail: t.string(),
    active: t.string({ required: true, description: 'ISO 8601 duration in the active base after the event: P3Y, P13M, P0D.' }),
    archive: t.string({ description: 'ISO 8601 duration in intermediate archive after the active period.' }),
    then: t.field({ type: EndOfRetentionEnum, required: true }),
    basis: t.string({ required: true, description: 'Where the period comes from (law, CNIL référentiel, contract).' }),
  }),
});

const ProcessingCategoryInput = builder.inputType('ProcessingDataCategoryInput', {
  fields: (t) => ({
    category: t.field({ type: DataHeadingEnum, required: true }),
    detail: t.string({ description: 'e.g. "nom, prénom, adresse".' }),
    retention: t.field({ type: RetentionInput }),
  }),
});

const DataSubjectInput = builder.inputType('DataSubjectCategoryInput', {
  fields: (t) => ({ category: t.field({ type: SubjectCategoryEnum, required: true }), detail: t.string() }),
});

const RecipientInput = builder.inputType('RecipientInput', {
  fields: (t) => ({
    kind: t.field({ type: RecipientKindEnum, required: true }),
    name: t.string({ required: true }),
    purpose: t.string(),
    contractRef: t.string({ description: 'For a processor: its contract (Art. 28).' }),
  }),
});

const TransferInput = builder.inputType('TransferInput', {
  fields: (t) => ({
    recipient: t.string({ required: true }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2, outside the EEA.' }),
    safeguard: t.field({ type: SafeguardEnum }),
    documentUrl: t.string(),
  }),
});

const AutomatedDecisionInput = builder.inputType('AutomatedDecisionInput', {
  fields: (t) => ({ description: t.string({ required: true }), logic: t.string(), consequences: t.string() }),
});

export const ProcessingInput = builder.inputType('ProcessingInput', {
  description: 'A processing activity, whole or in part: absent fields come from the template (create) or stay as they were (update); null clears one.',
  fields: (t) => ({
    reference: t.string({ description: 'Your own numbering, e.g. TRT-COMPTA.' }),
    name: t.field({ type: LocalizedTextInput }),
    purposes: t.field({ type: [LocalizedTextInput] }),
    legalBasis: t.field({ type: LegalBasisInput }),
    dataSubjects: t.field({ type: [DataSubjectInput] }),
    dataCategories: t.field({ type: [ProcessingCategoryInput] }),
    recipients: t.field({ type: [RecipientInput] }),
    transfers: t.field({ type: [TransferInput] }),
    source: t.string(),
    securityMeasures: t.stringList(),
    automatedDecision: t.field({ type: AutomatedDecisionInput }),
    note: t.string(),
  }),
});

const LIST_FIELDS = new Set(['purposes', 'dataSubjects', 'dataCategories', 'recipients', 'transfers', 'securityMeasures']);

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
}

/** The fields given, `null` turned into "cleared" (an empty list, or absent), for core to merge and check. */
export function changesFrom(input: Record<string, unknown>): Partial<ProcessingContent> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    changes[key] = value === null ? (LIST_FIELDS.has(key) ? [] : undefined) : withoutNulls(value);
  }
  return changes as Partial<ProcessingContent>;
}
