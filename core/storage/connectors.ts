import type { Collection } from 'mongodb';
import type { SealedSecret } from '../crypto.js';
import type { Storage } from './mongo.js';
import { isDuplicateKey } from './mongo.js';
import { ValidationError } from '../errors.js';

/** A registered connector. `config` holds no secrets; those are sealed apart. */
export interface ConnectorDoc {
  _id: string;
  kind: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: SealedSecret | null;
  /** Names of the secrets set, so a UI can show which are present without revealing them. */
  secretNames: string[];
  /** The connector's own description, cached at registration and at each test. */
  description: unknown;
  lastCheck: (Record<string, unknown> & { at: Date }) | null;
  createdAt: Date;
  updatedAt: Date;
}

export class ConnectorRepository {
  readonly #col: Collection<ConnectorDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<ConnectorDoc>('connectors');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ name: 1 }, { unique: true });
  }

  async insert(doc: ConnectorDoc): Promise<void> {
    try {
      await this.#col.insertOne(doc);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ValidationError(`A connector named "${doc.name}" already exists`, [{ path: 'name', message: 'already taken' }]);
      }
      throw error;
    }
  }

  list(filter: { enabled?: boolean } = {}): Promise<ConnectorDoc[]> {
    return this.#col.find(filter.enabled === undefined ? {} : { enabled: filter.enabled }).sort({ name: 1 }).toArray();
  }

  /** By id or by name. */
  find(idOrName: string): Promise<ConnectorDoc | null> {
    return this.#col.findOne({ $or: [{ _id: idOrName }, { name: idOrName }] });
  }

  async update(id: string, set: Partial<Omit<ConnectorDoc, '_id'>>): Promise<ConnectorDoc | null> {
    return this.#col.findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' });
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.#col.deleteOne({ _id: id });
    return result.deletedCount === 1;
  }
}
