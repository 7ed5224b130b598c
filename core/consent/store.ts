/**
 * The ledger's two collections. `consents`: every entry, inserted once and
 * never updated; its `_id` (`<personId>.<seq>`) is what claims a place in a
 * person's history, so two writers can never take the same one. `consent_identifiers`:
 * one document per identifier of a person (keyed hash), holding the identifier
 * sealed, so a person is found by any of them and can later be written to.
 */
import type { Collection } from 'mongodb';
import type { SealedSecret } from '../crypto.js';
import { isDuplicateKey, type Storage } from '../storage/mongo.js';
import type { LedgerEntry } from './model.js';

export type IdentifierKind = 'email' | 'phone' | 'externalId';

export interface IdentifierLink {
  /** Keyed hash of the identifier: comparable, meaningless without the key. */
  _id: string;
  personId: string;
  kind: IdentifierKind;
  /** The identifier itself, AES-256-GCM sealed. */
  sealed: SealedSecret;
  linkedAt: Date;
}

export class ConsentStore {
  readonly #entries: Collection<LedgerEntry>;
  readonly #links: Collection<IdentifierLink>;
  constructor(storage: Storage) {
    this.#entries = storage.collection<LedgerEntry>('consents');
    this.#links = storage.collection<IdentifierLink>('consent_identifiers');
  }

  async ensureIndexes(): Promise<void> {
    await this.#entries.createIndex({ personId: 1, seq: 1 }, { unique: true });
    await this.#entries.createIndex({ purpose: 1, personId: 1, seq: 1 });
    await this.#links.createIndex({ personId: 1 });
  }

  /** Fails with a duplicate-key error when another writer took this place first. */
  async insert(entry: LedgerEntry): Promise<void> {
    await this.#entries.insertOne({ ...entry });
  }

  last(personId: string): Promise<LedgerEntry | null> {
    return this.#entries.find({ personId }, { projection: { _id: 0 } }).sort({ seq: -1 }).limit(1).next() as Promise<LedgerEntry | null>;
  }

  /** One person's history, oldest first. */
  async history(personId: string): Promise<LedgerEntry[]> {
    return this.#entries.find({ personId }).sort({ seq: 1 }).toArray();
  }

  /** Consent entries of one purpose, person by person (each person's in order), from the person after `after`. */
  byPurpose(purpose: string, after: string | null): AsyncIterable<LedgerEntry> {
    const filter = after ? { kind: 'consent' as const, purpose, personId: { $gt: after } } : { kind: 'consent' as const, purpose };
    return this.#entries.find(filter).sort({ personId: 1, seq: 1 });
  }

  findLink(id: string): Promise<IdentifierLink | null> {
    return this.#links.findOne({ _id: id });
  }

  /** Links an identifier to a person; false when it was already linked (to them or to someone else). */
  async link(link: IdentifierLink): Promise<boolean> {
    try {
      await this.#links.insertOne({ ...link });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  links(personId: string): Promise<IdentifierLink[]> {
    return this.#links.find({ personId }).toArray();
  }
}
