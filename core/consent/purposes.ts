/**
 * The purposes people consent to, declared by the DPO: what each is, which
 * processing of the register it belongs to (by id), and what the rules need
 * to know of its offers. A purpose is configuration, so it is replaced in place.
 */
import type { Collection } from 'mongodb';
import type { Actor } from '../actor.js';
import { NotFoundError } from '../errors.js';
import type { Storage } from '../storage/mongo.js';
import { parseInput, purposeSchema, type PurposeInput } from './input.js';

export interface ConsentPurpose {
  _id: string;
  name: string;
  description: string;
  /** A processing of the register, by its id (the register is its own module). */
  processingId: string | null;
  /** How often consents to it should be confirmed again; used by re-confirmation campaigns. */
  reconfirmAfterDays: number | null;
  /** Offers products or services analogous to those the person bought (the customer exception of CPCE L34-5). */
  analogousOffer: boolean;
  /** Offers related to the recipient's work (business email on legitimate interest). */
  relatedToWork: boolean;
  /** Offers related to the subject of a contract in force (the exception of C. consom. L223-1). */
  relatedToContract: boolean;
  declaredBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export class PurposeCatalog {
  readonly #col: Collection<ConsentPurpose>;
  constructor(storage: Storage) {
    this.#col = storage.collection<ConsentPurpose>('consent_purposes');
  }

  /** Declares a purpose, or describes an existing one anew (its creation date stays). */
  async declare(input: PurposeInput, actor: Actor, now = new Date()): Promise<ConsentPurpose> {
    const { id, ...fields } = parseInput(purposeSchema, input, 'The purpose is not valid');
    const set = { ...fields, processingId: fields.processingId ?? null, reconfirmAfterDays: fields.reconfirmAfterDays ?? null, declaredBy: actor.sub, updatedAt: now };
    await this.#col.updateOne({ _id: id }, { $set: set, $setOnInsert: { createdAt: now } }, { upsert: true });
    return this.get(id);
  }

  find(id: string): Promise<ConsentPurpose | null> {
    return this.#col.findOne({ _id: id });
  }

  async get(id: string): Promise<ConsentPurpose> {
    const purpose = await this.find(id);
    if (!purpose) throw new NotFoundError('Consent purpose', id);
    return purpose;
  }

  list(): Promise<ConsentPurpose[]> {
    return this.#col.find().sort({ _id: 1 }).toArray();
  }
}
