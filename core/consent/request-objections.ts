/**
 * Objections filed as data-subject requests (type OBJECTION, GDPR Art. 21):
 * once the person proved who they are, the objection stands for `canContact`,
 * even before every system has opted them out, and whether or not the ledger
 * knew them. A cancelled or rejected request objects to nothing.
 */
import type { Collection, Filter } from 'mongodb';
import type { SubjectIdentity } from '../identity.js';
import type { Storage } from '../storage/mongo.js';
import type { RequestDoc } from '../storage/requests.js';

export interface RequestedObjection {
  requestId: string;
  at: Date;
}

export interface ObjectionRequests {
  objections(identity: SubjectIdentity): Promise<RequestedObjection[]>;
}

export class StoredObjectionRequests implements ObjectionRequests {
  readonly #col: Collection<RequestDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<RequestDoc>('requests');
  }

  async objections(identity: SubjectIdentity): Promise<RequestedObjection[]> {
    // A request acts on the email its code proved; a phone number only when the DPO attested the identity.
    const matches: Filter<RequestDoc>[] = [];
    if (identity.email) matches.push({ 'identity.email': identity.email });
    if (identity.phone) matches.push({ 'identity.phone': identity.phone, verificationMethod: 'dpo_attestation' });
    if (matches.length === 0) return [];
    const docs = await this.#col
      .find({ type: 'OBJECTION', verifiedAt: { $ne: null }, status: { $nin: ['REJECTED', 'CANCELLED'] }, $or: matches }, { projection: { _id: 1, verifiedAt: 1 } })
      .toArray();
    return docs.map((doc) => ({ requestId: doc._id, at: doc.verifiedAt! }));
  }
}
