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

export function reportIdFor(requestId: string): string {
  return `rep_${requestId.replace(/^req_/, '')}`;
}

/** Signed reports; one per request, never overwritten once stored. */
export class ReportStore {
  readonly #col: Collection<ReportDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<ReportDoc>('reports');
  }

  /** Stores the report unless this request already has one; returns the stored one. */
  async saveOnce(doc: ReportDoc): Promise<ReportDoc> {
    try {
      await this.#col.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.find(doc._id))!;
    }
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
