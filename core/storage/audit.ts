import type { Collection, FindCursor, WithId } from 'mongodb';
import type { Role } from '../actor.js';
import type { Storage } from './mongo.js';

/** One link of the audit chain. Never updated, never deleted. */
export interface AuditEntry {
  /** 1, 2, 3…: unique, so two concurrent appends cannot both take the same place in the chain. */
  seq: number;
  at: Date;
  actor: { sub: string; role: Role };
  action: string;
  /** Keyed hash of the subject's identity (null for actions about no one, e.g. registering a connector). */
  subjectHash: string | null;
  systems: { connectorId: string; status: string }[];
  /** What the action was on when it is no person or system (a processing of the register). */
  target?: string;
  /** The previous entry's hash; 64 zeros for the first entry. */
  prevHash: string;
  /** SHA-256 of this entry's canonical JSON without `hash`. */
  hash: string;
}

/** The audit collection: append and read, nothing else. */
export class AuditRepository {
  readonly #col: Collection<AuditEntry>;
  constructor(storage: Storage) {
    this.#col = storage.collection<AuditEntry>('audit');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ seq: 1 }, { unique: true });
    await this.#col.createIndex({ subjectHash: 1, seq: 1 });
  }

  last(): Promise<WithId<AuditEntry> | null> {
    return this.#col.find().sort({ seq: -1 }).limit(1).next();
  }

  /** Fails with a duplicate-key error when another writer took `entry.seq` first. */
  async insert(entry: AuditEntry): Promise<void> {
    await this.#col.insertOne({ ...entry });
  }

  /** Every entry, oldest first, without loading them all at once. */
  inOrder(): FindCursor<WithId<AuditEntry>> {
    return this.#col.find().sort({ seq: 1 });
  }

  bySubject(subjectHash: string): Promise<WithId<AuditEntry>[]> {
    return this.#col.find({ subjectHash }).sort({ seq: 1 }).toArray();
  }
}
