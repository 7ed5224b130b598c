/** What a connector says it holds (objects, fields, categories) and how its last check went. */
import { DATA_CATEGORIES, type DataCategory } from '../core/categories.js';
import type { Capability, ConnectorDescription, ErasureStrategy, FieldDescription, HealthCheck, LegalHold, ObjectDescription } from '../connectors/sdk/contract.js';
import { builder } from './builder.js';

export const DataCategoryEnum = builder.enumType('DataCategory', {
  description: 'What kind of personal data a field holds. SPECIAL is GDPR Art. 9 data, CRIMINAL Art. 10: both are sensitive.',
  values: Object.fromEntries(DATA_CATEGORIES.map((c) => [c.toUpperCase(), { value: c }])) as Record<string, { value: DataCategory }>,
});

const CapabilityEnum = builder.enumType('Capability', {
  values: { LOCATE: { value: 'locate' }, READ: { value: 'read' }, ERASE: { value: 'erase' }, RECTIFY: { value: 'rectify' }, RESTRICT: { value: 'restrict' }, CONSENT: { value: 'consent' }, OPT_OUT: { value: 'opt_out' } } as Record<string, { value: Capability }>,
});

export const ErasureStrategyEnum = builder.enumType('ErasureStrategy', {
  values: {
    DELETE: { value: 'delete' },
    ANONYMISE: { value: 'anonymise' },
    VENDOR_DELETE: { value: 'vendor_delete' },
    RETAIN: { value: 'retain', description: 'Kept under a legal hold (GDPR Art. 17(3)).' },
    MANUAL: { value: 'manual', description: 'A person does it; Gardien waits for their confirmation.' },
  } as Record<string, { value: ErasureStrategy }>,
});

const LegalHoldType = builder.objectRef<LegalHold>('LegalHold').implement({
  fields: (t) => ({ basis: t.exposeString('basis'), retainForDays: t.exposeInt('retainForDays', { nullable: true }) }),
});

const DescribedField = builder.objectRef<FieldDescription>('DescribedField').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type', { nullable: true, description: "The source's own type name." }),
    category: t.field({ type: DataCategoryEnum, resolve: (f) => f.category }),
    identifier: t.exposeString('identifier', { nullable: true, description: 'email, phone or externalId when the connector finds people by this field.' }),
    freeText: t.boolean({ resolve: (f) => f.freeText ?? false }),
    key: t.boolean({ resolve: (f) => f.key ?? false }),
  }),
});

const DescribedObject = builder.objectRef<ObjectDescription>('DescribedObject').implement({
  description: 'A table, sObject or object type holding personal data.',
  fields: (t) => ({
    name: t.exposeString('name'),
    label: t.exposeString('label', { nullable: true }),
    fields: t.field({ type: [DescribedField], resolve: (o) => o.fields }),
    erasure: t.field({ type: ErasureStrategyEnum, resolve: (o) => o.erasure.strategy }),
    legalHold: t.field({ type: LegalHoldType, nullable: true, resolve: (o) => o.erasure.legalHold ?? null }),
    parent: t.string({ nullable: true, description: 'The object it is reached through, when it has no identifier of its own.', resolve: (o) => o.relation?.parent ?? null }),
  }),
});

export const ConnectorDescriptionType = builder.objectRef<ConnectorDescription>('ConnectorDescription').implement({
  fields: (t) => ({
    capabilities: t.field({ type: [CapabilityEnum], resolve: (d) => d.capabilities }),
    erasureStrategies: t.field({ type: [ErasureStrategyEnum], resolve: (d) => d.erasureStrategies }),
    objects: t.field({ type: [DescribedObject], resolve: (d) => d.objects }),
  }),
});

export const HealthCheckType = builder.objectRef<HealthCheck & { at?: Date }>('HealthCheck').implement({
  description: 'Whether Gardien can reach the system, sign in, and read what it needs.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    reachable: t.exposeBoolean('reachable'),
    authenticated: t.exposeBoolean('authenticated'),
    permissionsOk: t.boolean({ resolve: (c) => c.permissions.ok }),
    missingPermissions: t.stringList({ resolve: (c) => c.permissions.missing }),
    message: t.exposeString('message', { description: 'One sentence a person can act on.' }),
    latencyMs: t.int({ resolve: (c) => Math.round(c.latencyMs) }),
    at: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.at ?? null }),
  }),
});
