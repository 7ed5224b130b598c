import type { Collection } from 'mongodb';
import { keyedHash, type SecretKey } from '../crypto.js';
import type { SubjectIdentity } from '../identity.js';
import type { Storage } from './mongo.js';

/** One identifier of a restricted subject, as a keyed hash (the mark names no one). */
interface RestrictionDoc {
  _id: string;
  requestId: string;
  since: Date;
}

export interface Restriction {
  requestId: string;
  since: Date;
}

/**
 * Gardien's own record of restricted processing (GDPR Art. 18), beside the
 * flags each system sets: lookups show the mark whatever the systems say, and
 * a later restriction request lifts it. Each identifier is marked on its own,
 * so a lookup by phone finds a restriction filed by email.
 */
export class RestrictionMarks {
  readonly #col: Collection<RestrictionDoc>;
  constructor(
    storage: Storage,
    private readonly key: SecretKey,
  ) {
    this.#col = storage.collection<RestrictionDoc>('restrictions');
  }

  #keys(identity: SubjectIdentity): string[] {
    const parts = [identity.email && `email:${identity.email}`, identity.phone && `phone:${identity.phone}`, identity.externalId && `ext:${identity.externalSystem ?? '*'}:${identity.externalId}`];
    return parts.filter((p): p is string => Boolean(p)).map((p) => keyedHash(`restriction:${p}`, this.key.key));
  }

  /** Marks the subject restricted; marking again keeps the first date. */
  async mark(identity: SubjectIdentity, requestId: string, since: Date): Promise<void> {
    for (const _id of this.#keys(identity)) await this.#col.updateOne({ _id }, { $setOnInsert: { requestId, since } }, { upsert: true });
  }

  /**
   * Lifts the restrictions found under the identity's identifiers, each with
   * every mark it made: a lift proven by email also clears the phone number
   * a DPO attested for the restriction.
   */
  async lift(identity: SubjectIdentity): Promise<void> {
    const keys = this.#keys(identity);
    if (keys.length === 0) return;
    const requestIds = [...new Set((await this.#col.find({ _id: { $in: keys } }).toArray()).map((doc) => doc.requestId))];
    await this.#col.deleteMany({ _id: { $in: keys } });
    if (requestIds.length > 0) await this.#col.deleteMany({ requestId: { $in: requestIds } });
  }

  /** The restriction covering any of the identity's identifiers, or null. */
  async find(identity: SubjectIdentity): Promise<Restriction | null> {
    const keys = this.#keys(identity);
    if (keys.length === 0) return null;
    // One exact _id lookup per identifier: indexed on every MongoDB-protocol server (an $in is a scan on FerretDB), and every lookup asks.
    const doc = (await Promise.all(keys.map((_id) => this.#col.findOne({ _id })))).find((d) => d !== null);
    return doc ? { requestId: doc.requestId, since: doc.since } : null;
  }
}
