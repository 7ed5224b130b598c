/**
 * The register's service: the DPO records processing activities (from a
 * template or from scratch), IT maps connectors' objects to them, and every
 * change is a new version, audited here where it happens.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { AuditTrail } from '../audit.js';
import { GardienError, NotFoundError, ValidationError } from '../errors.js';
import { buildRegister, type RegisterDocument } from './document.js';
import { factsAbout, type FieldQuery, type ProcessingFacts, type RegisterSnapshot } from './facts.js';
import { registerGaps, type Gap } from './gaps.js';
import { versionKey, type ControllerIdentity, type ProcessingContent, type ProcessingMapping, type ProcessingStatus, type ProcessingVersion } from './model.js';
import { prepareMapping } from './mapping.js';
import { mappingKey, type ProcessingStore, VersionTakenError } from './store.js';
import type { MappingInput, RegisterSystems, SystemSnapshot } from './systems.js';
import { PROCESSING_TEMPLATES, templateNamed, type ProcessingTemplate } from './templates.js';
import { validateController, validateProcessing } from './validation.js';

/** The change was based on a version that is no longer the latest: reload and apply it again. */
export class VersionConflictError extends GardienError {
  constructor(readonly processingId: string, readonly basedOn: number, readonly currentVersion: number) {
    super('VERSION_CONFLICT', `Processing ${processingId} was changed since version ${basedOn} (now version ${currentVersion}): reload it and apply your change again`);
  }
}

const STORED_FIELDS = ['_id', 'id', 'version', 'status', 'template', 'createdAt', 'at', 'by', 'change'] as const;

export function contentOf(version: ProcessingVersion): ProcessingContent {
  const content: Record<string, unknown> = { ...version };
  for (const field of STORED_FIELDS) delete content[field];
  return content as unknown as ProcessingContent;
}

export class ProcessingRegister {
  constructor(
    private readonly store: ProcessingStore,
    private readonly audit: Pick<AuditTrail, 'record'>,
    readonly systems: RegisterSystems,
    private readonly defaults: { dpoEmail?: string } = {},
  ) {}

  templates(): readonly ProcessingTemplate[] {
    return PROCESSING_TEMPLATES;
  }

  /** From a template (its content, with `processing` overriding whole fields) or from scratch. */
  async create(actor: Actor, input: { template?: string | null; processing?: Partial<ProcessingContent> | null }): Promise<ProcessingVersion> {
    const template = input.template ? templateNamed(input.template) : undefined;
    if (input.template && !template) {
      throw new ValidationError(`There is no template "${input.template}"`, [{ path: 'template', message: `one of ${PROCESSING_TEMPLATES.map((t) => t.key).join(', ')}` }]);
    }
    const content = validateProcessing({ dataSubjects: [], dataCategories: [], recipients: [], transfers: [], securityMeasures: [], ...structuredClone(template?.content), ...input.processing });
    const now = new Date();
    const version: ProcessingVersion = {
      ...content,
      _id: '',
      id: `proc_${randomBytes(8).toString('hex')}`,
      version: 1,
      status: 'active',
      createdAt: now,
      at: now,
      by: { sub: actor.sub, role: actor.role },
      change: 'created',
      ...(template ? { template: template.key } : {}),
    };
    version._id = versionKey(version.id, 1);
    return this.#write(actor, version, 'processing.create');
  }

  /** Applies whole-field changes to `basedOn`, which must be the latest version. */
  async update(actor: Actor, id: string, basedOn: number, changes: Partial<ProcessingContent>): Promise<ProcessingVersion> {
    const latest = await this.#latestFor(id, basedOn);
    if (latest.status === 'archived') throw new ValidationError(`Processing ${id} is archived: restore it before changing it`, [{ path: 'id', message: 'archived' }]);
    const content = validateProcessing({ ...contentOf(latest), ...changes }, 'changes');
    return this.#next(actor, latest, { ...content }, 'updated', 'processing.update');
  }

  /** Archived processings leave the register, its gaps and erasure plans; their history stays. */
  async setArchived(actor: Actor, id: string, basedOn: number, archived: boolean): Promise<ProcessingVersion> {
    const latest = await this.#latestFor(id, basedOn);
    const status: ProcessingStatus = archived ? 'archived' : 'active';
    if (latest.status === status) throw new ValidationError(`Processing ${id} is already ${status}`, [{ path: 'id', message: `already ${status}` }]);
    return this.#next(actor, latest, { ...contentOf(latest), status }, archived ? 'archived' : 'restored', archived ? 'processing.archive' : 'processing.restore');
  }

  /** By id or by reference (`TRT-COMPTA`); a given version, or the latest. */
  async get(idOrReference: string, version?: number | null): Promise<ProcessingVersion> {
    const id = idOrReference.startsWith('proc_') ? idOrReference : await this.#idOfReference(idOrReference);
    const found = id ? (version ? await this.store.version(id, version) : await this.store.latest(id)) : null;
    if (!found) throw new NotFoundError('Processing', version ? `${idOrReference} version ${version}` : idOrReference);
    return found;
  }

  async list(filter: { status?: ProcessingStatus | null } = {}): Promise<ProcessingVersion[]> {
    const all = await this.store.current();
    return filter.status ? all.filter((p) => p.status === filter.status) : all;
  }

  history(id: string): Promise<ProcessingVersion[]> {
    return this.store.history(id);
  }

  /** Says that `object` (or some of its fields) of a connector holds data of an active processing. */
  async map(actor: Actor, input: MappingInput): Promise<ProcessingMapping> {
    const [mapping] = await this.mapAll(actor, input.connector, [input], '');
    return mapping!;
  }

  /** Several mappings of one connector, all checked before any is written (problems under `prefix.<i>`). */
  async mapAll(actor: Actor, connector: string, inputs: readonly Omit<MappingInput, 'connector'>[], prefix = 'processing'): Promise<ProcessingMapping[]> {
    const system = await this.systems.find(connector);
    if (!system) throw new ValidationError('The mapping cannot be recorded', [{ path: 'connector', message: `no connector "${connector}"` }]);
    const prepared = await Promise.all(
      inputs.map(async (input, i) => prepareMapping(actor, system, input, await this.get(input.processing).catch(() => null), prefix ? `${prefix}.${i}.` : '')),
    );
    const problems = prepared.flatMap((p) => p.problems);
    if (problems.length > 0) throw new ValidationError('The mapping cannot be recorded', problems);
    const mappings = prepared.map((p) => p.mapping!);
    for (const mapping of mappings) {
      await this.store.putMapping(mapping);
      await this.audit.record({ actor, action: 'processing.map', target: `processing ${mapping.processingId}`, systems: [{ connectorId: mapping.connectorId, status: 'OK' }] });
    }
    return mappings;
  }

  /** Processings named by id or reference that do not exist or are archived, as problems under `prefix.<i>.processing`. */
  async missingProcessings(references: readonly string[], prefix = 'processing'): Promise<{ path: string; message: string }[]> {
    const found = await Promise.all(references.map((r) => this.get(r).catch(() => null)));
    return found.flatMap((p, i) => (p?.status === 'active' ? [] : [{ path: `${prefix}.${i}.processing`, message: p ? 'archived' : `no processing "${references[i]}"` }]));
  }

  async unmap(actor: Actor, input: Omit<MappingInput, 'fields'>): Promise<ProcessingMapping> {
    const [system, processing] = await Promise.all([this.systems.find(input.connector), this.get(input.processing).catch(() => null)]);
    const connectorId = system?.connectorId ?? input.connector;
    const removed = await this.store.removeMapping(mappingKey(connectorId, input.object, processing?.id ?? input.processing));
    if (!removed) throw new NotFoundError('Mapping', `${input.connector}/${input.object} → ${input.processing}`);
    await this.audit.record({ actor, action: 'processing.unmap', target: `processing ${removed.processingId}`, systems: [{ connectorId, status: 'OK' }] });
    return removed;
  }

  /** The connector is being removed: its objects no longer hold data of any processing (the removal itself is audited by the catalog's caller). */
  async forgetConnector(connectorId: string): Promise<void> {
    await this.store.removeMappingsOf(connectorId);
  }

  mappings(filter: { connectorId?: string; processingId?: string } = {}): Promise<ProcessingMapping[]> {
    return this.store.mappings(filter);
  }

  snapshot(): Promise<RegisterSnapshot> {
    return this.store.snapshot();
  }

  /** What the register says about a connector's object (and field): for access answers. */
  async facts(connector: string, object: string, field?: FieldQuery): Promise<ProcessingFacts[]> {
    const system = await this.systems.find(connector);
    return system ? factsAbout(await this.snapshot(), system.connectorId, object, field) : [];
  }

  /** The gaps, over the systems' live descriptions (or stored ones where a system does not answer). */
  async gaps(systems?: readonly SystemSnapshot[]): Promise<Gap[]> {
    return registerGaps(await this.snapshot(), systems ?? (await this.systems.describeAll()));
  }

  /** The Art. 30 register: every active processing with the systems and fields holding its data, and the gaps. */
  async document(): Promise<RegisterDocument> {
    const systems = await this.systems.describeAll();
    const [register, controller] = await Promise.all([this.snapshot(), this.controller()]);
    return buildRegister({ controller, register, systems, gaps: registerGaps(register, systems), generatedAt: new Date() });
  }

  /** As the DPO set it; until then, a blank name and the configured DPO address. */
  async controller(): Promise<ControllerIdentity & { set: boolean }> {
    const stored = await this.store.controller();
    return stored ? { ...stored, set: true } : { name: '', dpo: this.defaults.dpoEmail ? { email: this.defaults.dpoEmail } : {}, set: false };
  }

  async setController(actor: Actor, input: unknown): Promise<ControllerIdentity> {
    const identity = validateController(input);
    await this.store.setController(identity, { sub: actor.sub, role: actor.role });
    await this.audit.record({ actor, action: 'register.controller', target: 'register controller' });
    return identity;
  }

  async #latestFor(id: string, basedOn: number): Promise<ProcessingVersion> {
    const latest = await this.store.latest(id);
    if (!latest) throw new NotFoundError('Processing', id);
    if (latest.version !== basedOn) throw new VersionConflictError(id, basedOn, latest.version);
    return latest;
  }

  async #next(actor: Actor, latest: ProcessingVersion, content: ProcessingContent & { status?: ProcessingStatus }, change: ProcessingVersion['change'], action: string) {
    const version: ProcessingVersion = {
      ...content,
      _id: versionKey(latest.id, latest.version + 1),
      id: latest.id,
      version: latest.version + 1,
      status: content.status ?? latest.status,
      createdAt: latest.createdAt,
      at: new Date(),
      by: { sub: actor.sub, role: actor.role },
      change,
      ...(latest.template ? { template: latest.template } : {}),
    };
    return this.#write(actor, version, action);
  }

  async #write(actor: Actor, version: ProcessingVersion, action: string): Promise<ProcessingVersion> {
    try {
      await this.store.insert(version);
    } catch (error) {
      if (!(error instanceof VersionTakenError)) throw error;
      const current = await this.store.latest(version.id);
      throw new VersionConflictError(version.id, version.version - 1, current?.version ?? version.version);
    }
    await this.audit.record({ actor, action, target: `processing ${version.id} v${version.version}` });
    return version;
  }

  async #idOfReference(reference: string): Promise<string | null> {
    const matches = (await this.store.current()).filter((p) => p.reference === reference);
    if (matches.length > 1) throw new ValidationError(`Several processings have the reference ${reference}: name one by id`, [{ path: 'processing', message: 'ambiguous reference' }]);
    return matches[0]?.id ?? null;
  }
}
