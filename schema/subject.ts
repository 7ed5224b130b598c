/** The DPO's question: everything about this person, live from every enabled system (role dpo). */
import type { ClassifiedField, FoundRecord, SensitiveFinding, SubjectView, SystemResult, SystemStatus } from '../core/subject-view.js';
import { builder } from './builder.js';
import { DataCategoryEnum } from './connector-description.js';
import { IdentityInputType, IdentityType } from './identity.js';

const LOOKUP_ROLES = { dpo: true } as const;

const LookupStatusEnum = builder.enumType('LookupStatus', {
  values: {
    OK: { value: 'OK', description: 'The system answered (possibly with no records).' },
    ERROR: { value: 'ERROR', description: 'The system failed; `error` says why.' },
    TIMEOUT: { value: 'TIMEOUT', description: 'The system did not answer in time.' },
  } as Record<string, { value: SystemStatus }>,
});

const MatchedOnEnum = builder.enumType('MatchedOn', {
  values: {
    EMAIL: { value: 'email' },
    PHONE: { value: 'phone' },
    EXTERNAL_ID: { value: 'externalId' },
    RELATION: { value: 'relation', description: 'Reached through a record that matched (e.g. a rental of the customer).' },
  } as Record<string, { value: Exclude<FoundRecord['matchedOn'], null> }>,
});

const FieldType = builder.objectRef<ClassifiedField>('Field').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.field({ type: 'JSON', nullable: true, resolve: (f) => f.value ?? null }),
    category: t.field({ type: DataCategoryEnum, resolve: (f) => f.category }),
    sensitive: t.exposeBoolean('sensitive', { description: 'GDPR Art. 9 or Art. 10 data.' }),
    freeText: t.exposeBoolean('freeText', { description: 'Free text may hide anything: review it.' }),
  }),
});

const RecordType = builder.objectRef<FoundRecord>('Record').implement({
  fields: (t) => ({
    object: t.exposeString('object', { description: 'Table, sObject or object type.' }),
    id: t.exposeString('id', { description: "The record's key in its system." }),
    matchedOn: t.field({ type: MatchedOnEnum, nullable: true, resolve: (r) => r.matchedOn }),
    fields: t.field({ type: [FieldType], resolve: (r) => r.fields }),
  }),
});

const SystemResultType = builder.objectRef<SystemResult>('SystemResult').implement({
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    status: t.field({ type: LookupStatusEnum, resolve: (s) => s.status }),
    error: t.exposeString('error', { nullable: true }),
    durationMs: t.int({ description: "The system's own time for this lookup.", resolve: (s) => Math.round(s.durationMs) }),
    records: t.field({ type: [RecordType], resolve: (s) => s.records }),
    restricted: t.exposeBoolean('restricted', { nullable: true, description: 'Whether the system marks processing as restricted; null when it cannot tell.' }),
  }),
});

const SensitiveFindingType = builder.objectRef<SensitiveFinding>('SensitiveFinding').implement({
  description: 'A special-category (Art. 9) or criminal (Art. 10) field holding a value for this person.',
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    connector: t.exposeString('connector', { description: "The connector's name." }),
    object: t.exposeString('object'),
    field: t.exposeString('field'),
    category: t.field({ type: DataCategoryEnum, resolve: (f) => f.category }),
  }),
});

const SubjectViewType = builder.objectRef<SubjectView>('SubjectView').implement({
  description: 'Everything the enabled systems hold about one person, answered live.',
  authScopes: LOOKUP_ROLES,
  fields: (t) => ({
    identity: t.field({ type: IdentityType, description: 'The identity as compared (normalised).', resolve: (v) => v.identity }),
    systems: t.field({ type: [SystemResultType], resolve: (v) => v.systems }),
    sensitiveFindings: t.field({ type: [SensitiveFindingType], resolve: (v) => v.sensitiveFindings }),
    restricted: t.exposeBoolean('restricted', { description: 'Whether a restriction request marked this person, or any system says processing is restricted (GDPR Art. 18).' }),
    restrictedBy: t.id({ nullable: true, description: 'The restriction request that marked this person in Gardien.', resolve: (v) => v.restriction?.requestId ?? null }),
    restrictedSince: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.restriction?.since ?? null }),
  }),
});

builder.queryField('subject', (t) =>
  t.field({
    type: SubjectViewType,
    description: 'Asks every enabled system at once; a slow or failing one gives an entry with its error, never a failed query. Audited.',
    authScopes: LOOKUP_ROLES,
    args: { identity: t.arg({ type: IdentityInputType, required: true }) },
    resolve: (_root, { identity }, { actor, services }) => services.federation.lookup(identity, actor!),
  }),
);
