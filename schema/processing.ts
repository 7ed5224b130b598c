/**
 * Processing activities of the register (GDPR Art. 30): the DPO creates them
 * (from a template or from scratch), changes, archives and restores them;
 * dpo, it and agent read them and their history. Every change is a version;
 * a change based on an old version comes back as VersionConflict.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { ProcessingMapping, ProcessingStatus, ProcessingVersion } from '../core/register/model.js';
import { VersionConflictError } from '../core/register/service.js';
import type { ProcessingTemplate } from '../core/register/templates.js';
import { builder } from './builder.js';
import { ErrorInterface } from './errors.js';
import { changesFrom, ProcessingInput } from './processing-inputs.js';
import { ProcessingContentInterface, ProcessingDraftType, REGISTER_READERS } from './processing-types.js';

const DPO = { dpo: true } as const;

builder.objectType(VersionConflictError, {
  name: 'VersionConflict',
  description: 'The change was based on a version that is no longer the latest: reload the processing and apply the change again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    basedOn: t.exposeInt('basedOn'),
    currentVersion: t.exposeInt('currentVersion'),
  }),
});

const ProcessingStatusEnum = builder.enumType('ProcessingStatus', {
  values: { ACTIVE: { value: 'active' }, ARCHIVED: { value: 'archived', description: 'Out of the register, its gaps and erasure plans; its history stays.' } } as Record<string, { value: ProcessingStatus }>,
});

export const ProcessingType = builder.objectRef<ProcessingVersion>('Processing');
export const ProcessingMappingType = builder.objectRef<ProcessingMapping>('ProcessingMapping');

ProcessingType.implement({
  description: 'A processing activity of the register, at one version.',
  authScopes: REGISTER_READERS,
  interfaces: [ProcessingContentInterface],
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version', { description: 'Give it back when changing the processing.' }),
    status: t.field({ type: ProcessingStatusEnum, resolve: (p) => p.status }),
    template: t.string({ nullable: true, description: 'The template it was created from.', resolve: (p) => p.template ?? null }),
    change: t.string({ description: 'created, updated, archived or restored.', resolve: (p) => p.change }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', description: 'When this version was written.', resolve: (p) => p.at }),
    updatedBy: t.string({ description: 'Who wrote this version.', resolve: (p) => p.by.sub }),
    history: t.field({ type: [ProcessingType], description: 'Every version, oldest first.', resolve: (p, _args, { services }) => services.register.history(p.id) }),
    mappings: t.field({ type: [ProcessingMappingType], description: 'The connectors’ objects and fields holding its data.', resolve: (p, _args, { services }) => services.register.mappings({ processingId: p.id }) }),
  }),
});

ProcessingMappingType.implement({
  description: 'A connector’s object (some of its fields, or all) holds data of a processing.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    connectorName: t.string({ nullable: true, resolve: async (m, _args, { services }) => (await services.register.systems.find(m.connectorId))?.name ?? null }),
    object: t.exposeString('object'),
    fields: t.stringList({ nullable: true, description: 'Null: the whole object.', resolve: (m) => m.fields }),
    processing: t.field({ type: ProcessingType, nullable: true, resolve: (m, _args, { services }) => services.register.get(m.processingId).catch(() => null) }),
    mappedAt: t.field({ type: 'DateTime', resolve: (m) => m.at }),
    mappedBy: t.string({ resolve: (m) => m.by.sub }),
  }),
});

const ProcessingTemplateType = builder.objectRef<ProcessingTemplate>('ProcessingTemplate').implement({
  description: 'An editable starting point, French first, citing its sources in `draft.note`.',
  authScopes: REGISTER_READERS,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Pass it to createProcessing.' }),
    draft: t.field({ type: ProcessingDraftType, resolve: (tpl) => tpl.content }),
  }),
});

const CreateProcessingInput = builder.inputType('CreateProcessingInput', {
  fields: (t) => ({
    template: t.string({ description: 'A template key (see processingTemplates); its content is the base.' }),
    processing: t.field({ type: ProcessingInput, description: 'Your content; over a template, each field given replaces the template’s.' }),
  }),
});

const errors = (name: string, conflict = false) => ({
  types: conflict ? [ValidationError, NotFoundError, VersionConflictError] : [ValidationError, NotFoundError],
  directResult: true as const,
  union: { name },
});

builder.queryFields((t) => ({
  processings: t.connection(
    {
      type: ProcessingType,
      description: 'The register’s processings (latest versions), by reference.',
      authScopes: REGISTER_READERS,
      args: { status: t.arg({ type: ProcessingStatusEnum, required: false }) },
      resolve: async (_root, args, { services }) => resolveArrayConnection({ args }, await services.register.list({ status: args.status })),
    },
    { name: 'ProcessingConnection' },
    { name: 'ProcessingEdge' },
  ),
  processing: t.field({
    type: ProcessingType,
    authScopes: REGISTER_READERS,
    args: { id: t.arg.id({ required: true, description: 'Id or reference.' }), version: t.arg.int({ required: false, description: 'The latest when absent.' }) },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'ProcessingResult' } },
    resolve: (_root, args, { services }) => services.register.get(String(args.id), args.version),
  }),
  processingTemplates: t.field({
    type: [ProcessingTemplateType],
    description: 'Customer management, prospecting, accounting, customer service, recruitment.',
    authScopes: REGISTER_READERS,
    resolve: (_root, _args, { services }) => [...services.register.templates()],
  }),
}));

builder.mutationFields((t) => ({
  createProcessing: t.field({
    type: ProcessingType,
    description: 'Records a processing, from a template or from scratch (dpo).',
    authScopes: DPO,
    args: { input: t.arg({ type: CreateProcessingInput, required: true }) },
    errors: errors('CreateProcessingResult'),
    resolve: (_root, { input }, context) =>
      context.services.register.create(context.actor!, { template: input.template, processing: input.processing ? changesFrom(input.processing) : null }),
  }),
  updateProcessing: t.field({
    type: ProcessingType,
    description: 'Writes the next version: `version` is the one the change is based on (dpo).',
    authScopes: DPO,
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }), changes: t.arg({ type: ProcessingInput, required: true }) },
    errors: errors('UpdateProcessingResult', true),
    resolve: (_root, args, context) => context.services.register.update(context.actor!, String(args.id), args.version, changesFrom(args.changes)),
  }),
  archiveProcessing: t.field({
    type: ProcessingType,
    description: 'Takes a processing out of the register (a new, archived version) (dpo).',
    authScopes: DPO,
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) },
    errors: errors('ArchiveProcessingResult', true),
    resolve: (_root, args, context) => context.services.register.setArchived(context.actor!, String(args.id), args.version, true),
  }),
  restoreProcessing: t.field({
    type: ProcessingType,
    description: 'Brings an archived processing back (dpo).',
    authScopes: DPO,
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) },
    errors: errors('RestoreProcessingResult', true),
    resolve: (_root, args, context) => context.services.register.setArchived(context.actor!, String(args.id), args.version, false),
  }),
}));
