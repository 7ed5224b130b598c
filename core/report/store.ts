import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import { NotFoundError } from '../errors.js';
import { isDuplicateKey, type Storage } from '../storage/mongo.js';
import type { CompletionReport } from './report.js';
import type { ReportFile } from './verify.js';

export interface ReportDoc {
  _id: string;
  requestId: string;
  kid: string;
  jws: string;
  report: CompletionReport;
  createdAt: Date;
}

/**
 * A new report's id: random (128 bits), since anyone holding it may read the report,
 * and request ids travel further (workflow ids, emails, staff screens). Reports made
 * before kept ids derived from their request's; they stay readable under those.
 */
export function newReportId(): string {
  return `rep_${randomBytes(16).toString('base64url')}`;
}

/** Signed reports; one per request (a unique index on `requestId`), never overwritten once stored. */
export class ReportStore {
  readonly #col: Collection<ReportDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<ReportDoc>('reports');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ requestId: 1 }, { unique: true, name: 'one_per_request' });
  }

  /** Stores the report unless this request already has one; returns the stored one (whose id may differ from `doc._id`). */
  async saveOnce(doc: ReportDoc): Promise<ReportDoc> {
    try {
      await this.#col.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.forRequest(doc.requestId)) ?? (await this.find(doc._id))!;
    }
  }

  forRequest(requestId: string): Promise<ReportDoc | null> {
    return this.#col.findOne({ requestId });
  }

  find(id: string): Promise<ReportDoc | null> {
    return this.#col.findOne({ _id: id });
  }

  /** The downloadable file: the JWS and a readable copy of what it signs. */
  async file(id: string): Promise<ReportFile> {
    const doc = await this.find(id);
    if (!doc) throw new NotFoundError('Report', id);
    return { reportId: doc._id, kid: doc.kid, jws: doc.jws, report: doc.report };
  }
}
