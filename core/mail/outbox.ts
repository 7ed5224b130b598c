import type { Collection } from 'mongodb';
import { isDuplicateKey, type Storage } from '../storage/mongo.js';
import type { MailContent } from './templates.js';

/**
 * Every email goes through the outbox, keyed by an idempotency key such as
 * `completed:req_…`: a retried activity finds the message already there (and
 * already sent) instead of writing a second one.
 */
export interface OutboxDoc extends MailContent {
  _id: string; // the idempotency key
  to: string;
  requestId: string | null;
  template: string;
  language: string;
  /** `failed`: the receiving server refused the address or message for good; `lastError` says why. */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** Set while one process is sending, so two retries do not send at once. */
  claimedAt: Date | null;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewOutboxMessage = Pick<OutboxDoc, '_id' | 'to' | 'requestId' | 'template' | 'language'> & MailContent;

/** A claim older than this is taken to belong to a process that died. */
const CLAIM_TIMEOUT_MS = 2 * 60_000;

export class Outbox {
  readonly #col: Collection<OutboxDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<OutboxDoc>('outbox');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ requestId: 1, createdAt: 1 });
  }

  /** Stores the message unless one with the same key exists; returns the stored one either way. */
  async enqueue(message: NewOutboxMessage): Promise<OutboxDoc> {
    const doc: OutboxDoc = { ...message, status: 'pending', claimedAt: null, attempts: 0, lastError: null, messageId: null, createdAt: new Date(), sentAt: null };
    try {
      await this.#col.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.get(message._id))!;
    }
  }

  get(key: string): Promise<OutboxDoc | null> {
    return this.#col.findOne({ _id: key });
  }

  /** Takes the message for sending; null when it is sent or another process holds it. */
  async claim(key: string): Promise<OutboxDoc | null> {
    const now = new Date();
    return this.#col.findOneAndUpdate(
      { _id: key, $or: [{ status: 'pending' }, { status: 'sending', claimedAt: { $lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } }] },
      { $set: { status: 'sending', claimedAt: now }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
  }

  async markSent(key: string, messageId: string): Promise<void> {
    await this.#col.updateOne({ _id: key }, { $set: { status: 'sent', sentAt: new Date(), messageId, claimedAt: null, lastError: null } });
  }

  /** The message cannot be delivered (a permanent refusal); it is never sent again. */
  async markFailed(key: string, reason: string): Promise<void> {
    await this.#col.updateOne({ _id: key, status: 'sending' }, { $set: { status: 'failed', claimedAt: null, lastError: reason } });
  }

  async release(key: string, error: string): Promise<void> {
    await this.#col.updateOne({ _id: key, status: 'sending' }, { $set: { status: 'pending', claimedAt: null, lastError: error } });
  }

  forRequest(requestId: string): Promise<OutboxDoc[]> {
    return this.#col.find({ requestId }).sort({ createdAt: 1 }).toArray();
  }
}
