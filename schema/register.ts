/**
 * The register as a whole: the Art. 30 record (`register`), its gaps, the
 * controller's identity (set by the DPO), and the mappings IT and the DPO make
 * from connectors' objects to processings.
 */
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { RegisterDocument, RegisterEntry, RegisterHolding } from '../core/register/document.js';
import { GAP_KINDS, type Gap } from '../core/register/gaps.js';
import type { ControllerIdentity } from '../core/register/model.js';
import type { SystemSnapshot } from '../core/register/systems.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import { builder } from './builder.js';
import type { GardienContext } from './context.js';
import { DataCategoryEnum } from './connector-description.js';
import { ProcessingMappingType, ProcessingType } from './processing.js';
import { codeEnum, REGISTER_READERS } from './processing-types.js';
import { LanguageEnum } from './request.js';

const MAPPERS = { dpo: true, it: true } as const;

const GapKindEnum = codeEnum('RegisterGapKind', GAP_KINDS);
const DescriptionSourceEnum = builder.enumType('DescriptionSource', {
  description: 'Where the register read a system’s objects and fields.',
  values: { LIVE: { value: 'live' }, STORED: { value: 'stored', description: 'As stored at registration: the system is disabled or did not answer.' }, NONE: { value: 'none' } } as Record<string, { value: SystemSnapshot['source'] }>,
});

const GapType = builder.objectRef<Gap>('RegisterGap').implement({
  description: 'Something the register lacks, for the DPO to fix.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    kind: t.field({ type: GapKindEnum, resolve: (g) => g.kind }),
    processingId: t.id({ nullable: true, resolve: (g) => g.processingId ?? null }),
    connectorId: t.id({ nullable: true, resolve: (g) => g.connectorId ?? null }),
    connectorName: t.string({ nullable: true, resolve: (g) => g.connectorName ?? null }),
    objects: t.stringList({ resolve: (g) => g.objects ?? [] }),
    message: t.string({ args: { language: t.arg({ type: LanguageEnum, defaultValue: 'fr' }) }, resolve: (g, args) => g.message[args.language ?? 'fr'] }),
  }),
});

const DpoType = builder.objectRef<ControllerIdentity['dpo']>('DpoContact').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (d) => d.name ?? null }),
    email: t.string({ nullable: true, resolve: (d) => d.email ?? null }),
    phone: t.string({ nullable: true, resolve: (d) => d.phone ?? null }),
    address: t.string({ nullable: true, resolve: (d) => d.address ?? null }),
  }),
});

const ControllerType = builder.objectRef<ControllerIdentity & { set?: boolean }>('Controller').implement({
  description: 'Art. 30(1)(a): the controller, its representative and its DPO.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    name: t.exposeString('name'),
    address: t.string({ nullable: true, resolve: (c) => c.address ?? null }),
    email: t.string({ nullable: true, resolve: (c) => c.email ?? null }),
    phone: t.string({ nullable: true, resolve: (c) => c.phone ?? null }),
    registration: t.string({ nullable: true, description: 'SIREN or other registration number.', resolve: (c) => c.registration ?? null }),
    representative: t.string({ nullable: true, resolve: (c) => c.representative ?? null }),
    dpo: t.field({ type: DpoType, resolve: (c) => c.dpo }),
    set: t.boolean({ description: 'False until the DPO sets it (setController).', resolve: (c) => c.set ?? true }),
  }),
});

const HoldingFieldType = builder.objectRef<RegisterHolding['fields'][number]>('RegisterHoldingField').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({ name: t.exposeString('name'), category: t.field({ type: DataCategoryEnum, resolve: (f) => f.category }) }),
});

const HoldingType = builder.objectRef<RegisterHolding>('RegisterHolding').implement({
  description: 'Where a processing’s data sits: a system, an object, its fields.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    connectorName: t.exposeString('connectorName'),
    kind: t.exposeString('kind'),
    object: t.exposeString('object'),
    fields: t.field({ type: [HoldingFieldType], resolve: (h) => h.fields }),
    missing: t.exposeBoolean('missing', { description: 'The system no longer describes this object.' }),
    source: t.field({ type: DescriptionSourceEnum, resolve: (h) => h.source }),
  }),
});

const EntryType = builder.objectRef<RegisterEntry>('RegisterEntry').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    processing: t.field({ type: ProcessingType, resolve: (e) => e.processing }),
    holdings: t.field({ type: [HoldingType], resolve: (e) => e.holdings }),
    gaps: t.field({ type: [GapType], resolve: (e) => e.gaps }),
  }),
});

const SystemType = builder.objectRef<Omit<SystemSnapshot, 'objects'>>('RegisterSystem').implement({
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    enabled: t.exposeBoolean('enabled'),
    source: t.field({ type: DescriptionSourceEnum, resolve: (s) => s.source }),
    problem: t.string({ nullable: true, description: 'Why its description was not read live.', resolve: (s) => s.problem ?? null }),
  }),
});

const RegisterType = builder.objectRef<RegisterDocument>('Register').implement({
  description: 'The controller’s record of processing activities (GDPR Art. 30(1) a–g), generated now.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    generatedAt: t.field({ type: 'DateTime', resolve: (r) => r.generatedAt }),
    controller: t.field({ type: ControllerType, resolve: (r) => r.controller }),
    entries: t.field({ type: [EntryType], resolve: (r) => r.entries }),
    gaps: t.field({ type: [GapType], resolve: (r) => r.gaps }),
    systems: t.field({ type: [SystemType], resolve: (r) => r.systems }),
  }),
});

const ControllerInput = builder.inputType('ControllerInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    address: t.string(),
    email: t.string(),
    phone: t.string(),
    registration: t.string(),
    representative: t.string(),
    dpo: t.field({ type: builder.inputType('DpoContactInput', { fields: (d) => ({ name: d.string(), email: d.string(), phone: d.string(), address: d.string() }) }), required: true }),
  }),
});

export const MapToProcessingInput = builder.inputType('MapToProcessingInput', {
  fields: (t) => ({
    connector: t.id({ required: true, description: 'Connector id or name.' }),
    object: t.string({ required: true }),
    fields: t.stringList({ description: 'Some fields only; the whole object when absent.' }),
    processing: t.id({ required: true, description: 'Processing id or reference.' }),
  }),
});

const UnmapInput = builder.inputType('UnmapFromProcessingInput', {
  fields: (t) => ({ connector: t.id({ required: true }), object: t.string({ required: true }), processing: t.id({ required: true }) }),
});

const dropNulls = <T extends object>(value: T) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === null ? undefined : v))) as T;

builder.queryFields((t) => ({
  register: t.field({
    type: RegisterType,
    description: 'The Art. 30 register: each processing with the systems and fields holding its data (read live; a system that does not answer is shown as stored, and said so), and the gaps.',
    authScopes: REGISTER_READERS,
    resolve: (_root, _args, { services }) => services.register.document(),
  }),
  registerGaps: t.field({ type: [GapType], authScopes: REGISTER_READERS, resolve: (_root, _args, { services }) => services.register.gaps() }),
  controller: t.field({ type: ControllerType, authScopes: REGISTER_READERS, resolve: (_root, _args, { services }) => services.register.controller() }),
  processingMappings: t.field({
    type: [ProcessingMappingType],
    authScopes: REGISTER_READERS,
    args: { connector: t.arg.id({ required: false }), processing: t.arg.id({ required: false }) },
    resolve: async (_root, args, { services }) => {
      const connectorId = args.connector ? ((await services.register.systems.find(String(args.connector)))?.connectorId ?? String(args.connector)) : undefined;
      const processingId = args.processing ? ((await services.register.get(String(args.processing)).catch(() => null))?.id ?? String(args.processing)) : undefined;
      return services.register.mappings({ connectorId, processingId });
    },
  }),
}));

builder.mutationFields((t) => ({
  mapToProcessing: t.field({
    type: ProcessingMappingType,
    description: 'Says that a connector’s object (or some of its fields) holds data of a processing (it, dpo). Mapping again replaces the fields.',
    authScopes: MAPPERS,
    args: { input: t.arg({ type: MapToProcessingInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'MapToProcessingResult' } },
    resolve: (_root, { input }, context) => context.services.register.map(context.actor!, { ...input, connector: String(input.connector), processing: String(input.processing) }),
  }),
  unmapFromProcessing: t.field({
    type: ProcessingMappingType,
    description: 'Removes a mapping; returns it (it, dpo).',
    authScopes: MAPPERS,
    args: { input: t.arg({ type: UnmapInput, required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'UnmapFromProcessingResult' } },
    resolve: (_root, { input }, context) => context.services.register.unmap(context.actor!, { object: input.object, connector: String(input.connector), processing: String(input.processing) }),
  }),
  setController: t.field({
    type: ControllerType,
    description: 'The controller’s identity and DPO contact at the head of the register (dpo).',
    authScopes: { dpo: true },
    args: { input: t.arg({ type: ControllerInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'SetControllerResult' } },
    resolve: (_root, { input }, context) => context.services.register.setController(context.actor!, dropNulls(input)),
  }),
}));

export const ConnectorProcessingInput = builder.inputType('ConnectorProcessingInput', {
  description: 'On registration: an object of the new connector (some of its fields, or all) and the processing it serves.',
  fields: (t) => ({
    object: t.string({ required: true }),
    fields: t.stringList({ description: 'Some fields only; the whole object when absent.' }),
    processing: t.id({ required: true, description: 'Processing id or reference.' }),
  }),
});

/**
 * Registers a connector with its objects mapped to processings: the processings
 * are checked first, the objects once the system has described them; a bad
 * mapping removes the new connector again, so nothing is stored.
 */
export async function registerWithProcessings(
  context: GardienContext,
  register: () => Promise<ConnectorDoc>,
  mappings: readonly { object: string; fields?: string[] | null; processing: string | number }[],
): Promise<ConnectorDoc> {
  const inputs = mappings.map((m) => ({ object: m.object, fields: m.fields ?? null, processing: String(m.processing) }));
  const missing = await context.services.register.missingProcessings(inputs.map((m) => m.processing));
  if (missing.length > 0) throw new ValidationError('A processing named in `processing` is not in the register', missing);
  const doc = await register();
  if (inputs.length === 0 || !context.actor) return doc;
  try {
    await context.services.register.mapAll(context.actor, doc._id, inputs);
  } catch (error) {
    await context.services.catalog.remove(doc._id);
    throw error;
  }
  return doc;
}
