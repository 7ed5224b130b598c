/**
 * The register in MongoDB. Processing versions are only ever inserted: a
 * version is claimed by its `_id` (`<id>@<version>`), so of two updates based
 * on the same version one is written and the other refused — exactly, on
 * FerretDB too, with no compare-and-set. Mappings and the controller's identity
 * are plain documents, last write wins.
 */
import type { Collection } from 'mongodb';
import { isDuplicateKey, type Storage } from '../storage/mongo.js';
import type { RegisterSnapshot } from './facts.js';
import type { ControllerIdentity, ProcessingMapping, ProcessingVersion } from './model.js';

/** Another version was written first: the change was based on an old one. */
export class VersionTakenError extends Error {
  constructor(readonly id: string, readonly version: number) {
    super(`version ${version} of ${id} already exists`);
    this.name = 'VersionTakenError';
  }
}

interface ControllerDoc extends ControllerIdentity {
  _id: 'controller';
  at: Date;
  by: { sub: string; role: string };
}

export class ProcessingStore {
  readonly #versions: Collection<ProcessingVersion>;
  readonly #mappings: Collection<ProcessingMapping>;
  readonly #settings: Collection<ControllerDoc>;

  constructor(storage: Storage) {
    this.#versions = storage.collection<ProcessingVersion>('processings');
    this.#mappings = storage.collection<ProcessingMapping>('processing_mappings');
    this.#settings = storage.collection<ControllerDoc>('register_settings');
  }

  async ensureIndexes(): Promise<void> {
    await this.#versions.createIndex({ id: 1, version: 1 }, { unique: true });
    await this.#mappings.createIndex({ connectorId: 1 });
  }

  /** Writes a version; VersionTakenError when that version of the processing exists already. */
  async insert(version: ProcessingVersion): Promise<void> {
    try {
      await this.#versions.insertOne({ ...version });
    } catch (error) {
      if (isDuplicateKey(error)) throw new VersionTakenError(version.id, version.version);
      throw error;
    }
  }

  async latest(id: string): Promise<ProcessingVersion | null> {
    return this.#versions.find({ id }).sort({ version: -1 }).limit(1).next();
  }

  async version(id: string, version: number): Promise<ProcessingVersion | null> {
    return this.#versions.findOne({ id, version });
  }

  /** Oldest first. */
  history(id: string): Promise<ProcessingVersion[]> {
    return this.#versions.find({ id }).sort({ version: 1 }).toArray();
  }

  /** The latest version of every processing, by reference then name. A register holds tens to hundreds: read whole. */
  async current(): Promise<ProcessingVersion[]> {
    const latest = new Map<string, ProcessingVersion>();
    for (const v of await this.#versions.find().toArray()) {
      const seen = latest.get(v.id);
      if (!seen || seen.version < v.version) latest.set(v.id, v);
    }
    const key = (p: ProcessingVersion) => `${p.reference ?? '\uffff'}\u0000${p.name.fr ?? p.name.en ?? ''}\u0000${p.id}`;
    return [...latest.values()].sort((a, b) => key(a).localeCompare(key(b)));
  }

  mappings(filter: { connectorId?: string; processingId?: string } = {}): Promise<ProcessingMapping[]> {
    const query: Partial<ProcessingMapping> = {};
    if (filter.connectorId) query.connectorId = filter.connectorId;
    if (filter.processingId) query.processingId = filter.processingId;
    return this.#mappings.find(query).sort({ connectorId: 1, object: 1, processingId: 1 }).toArray();
  }

  /** One mapping per connector, object and processing: mapping again replaces its fields. */
  async putMapping(mapping: ProcessingMapping): Promise<void> {
    await this.#mappings.replaceOne({ _id: mapping._id }, mapping, { upsert: true });
  }

  async removeMapping(id: string): Promise<ProcessingMapping | null> {
    return this.#mappings.findOneAndDelete({ _id: id });
  }

  /** A connector removed from Gardien takes its mappings with it. */
  async removeMappingsOf(connectorId: string): Promise<number> {
    return (await this.#mappings.deleteMany({ connectorId })).deletedCount;
  }

  /** Active processings and their mappings: what erasure plans and access answers read. */
  async snapshot(): Promise<RegisterSnapshot> {
    const [processings, mappings] = await Promise.all([this.current(), this.mappings()]);
    return { processings: processings.filter((p) => p.status === 'active'), mappings };
  }

  async controller(): Promise<ControllerIdentity | null> {
    const doc = await this.#settings.findOne({ _id: 'controller' });
    if (!doc) return null;
    const { _id, at: _at, by: _by, ...identity } = doc;
    return identity;
  }

  async setController(identity: ControllerIdentity, by: { sub: string; role: string }): Promise<void> {
    await this.#settings.replaceOne({ _id: 'controller' }, { ...identity, at: new Date(), by }, { upsert: true });
  }
}

export function mappingKey(connectorId: string, object: string, processingId: string): string {
  return JSON.stringify([connectorId, object, processingId]);
}
