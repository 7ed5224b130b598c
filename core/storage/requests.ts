import { randomBytes } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import type { SubjectIdentity } from '../identity.js';
import { NotFoundError } from '../errors.js';
import type { Language, RequestStatus, RequestType, SystemCounts, SystemProgress } from '../requests.js';
import type { Storage } from './mongo.js';

/**
 * The read model of a request. The subject's identity lives here (MongoDB) and
 * nowhere in Temporal: workflows carry the request id only.
 */
export interface RequestDoc {
  _id: string;
  type: RequestType;
  status: RequestStatus;
  /** Why the request was rejected, failed or cancelled. */
  statusReason: string | null;
  identity: SubjectIdentity;
  language: Language;
  details: string | null;
  /** SHA-256 of the access token that lets the subject (no account) follow the request. */
  accessTokenHash: string;
  workflowId: string;
  receivedAt: Date;
  dueAt: Date;
  verifiedAt: Date | null;
  /** How the identity was verified, e.g. `email_code`. */
  verificationMethod: string | null;
  completedAt: Date | null;
  updatedAt: Date;
  /** Per system, keyed by connector id (dot-path updates work on FerretDB, positional `$` may not). */
  systems: Record<string, SystemProgress>;
  reportId: string | null;
  exportId: string | null;
}

export function newRequestId(): string {
  return `req_${randomBytes(10).toString('hex')}`;
}

export interface RequestPage {
  items: RequestDoc[];
  hasNextPage: boolean;
}

export class RequestRepository {
  readonly #col: Collection<RequestDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<RequestDoc>('requests');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ status: 1, receivedAt: -1 });
    await this.#col.createIndex({ receivedAt: -1 });
  }

  async insert(doc: RequestDoc): Promise<void> {
    await this.#col.insertOne(doc);
  }

  find(id: string): Promise<RequestDoc | null> {
    return this.#col.findOne({ _id: id });
  }

  async get(id: string): Promise<RequestDoc> {
    const doc = await this.find(id);
    if (!doc) throw new NotFoundError('Request', id);
    return doc;
  }

  async remove(id: string): Promise<void> {
    await this.#col.deleteOne({ _id: id });
  }

  /** Sets fields only while the request is in one of `from` (so a finished request is never reopened). */
  async update(
    id: string,
    set: Partial<Omit<RequestDoc, '_id' | 'systems'>>,
    from?: readonly RequestStatus[],
  ): Promise<RequestDoc | null> {
    const filter: Filter<RequestDoc> = from ? { _id: id, status: { $in: [...from] } } : { _id: id };
    return this.#col.findOneAndUpdate(filter, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' });
  }

  async setSystem(id: string, progress: SystemProgress): Promise<void> {
    await this.#col.updateOne(
      { _id: id },
      { $set: { [`systems.${progress.connectorId}`]: progress, updatedAt: progress.updatedAt } },
    );
  }

  async patchSystem(
    id: string,
    connectorId: string,
    patch: Partial<Pick<SystemProgress, 'status' | 'error'>> & { counts?: Partial<SystemCounts> },
  ): Promise<void> {
    const now = new Date();
    const set: Record<string, unknown> = { updatedAt: now, [`systems.${connectorId}.updatedAt`]: now };
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'counts' && value) {
        for (const [count, n] of Object.entries(value)) set[`systems.${connectorId}.counts.${count}`] = n;
      } else {
        set[`systems.${connectorId}.${key}`] = value;
      }
    }
    await this.#col.updateOne({ _id: id }, { $set: set });
  }

  /** Newest first; `after` is the id of the last request of the previous page. */
  async list(options: { status?: RequestStatus | null; first: number; after?: string | null }): Promise<RequestPage> {
    const filter: Filter<RequestDoc> = options.status ? { status: options.status } : {};
    if (options.after) {
      const last = await this.#col.findOne({ _id: options.after }, { projection: { receivedAt: 1 } });
      if (!last) throw new NotFoundError('Request', options.after);
      filter.$or = [{ receivedAt: { $lt: last.receivedAt } }, { receivedAt: last.receivedAt, _id: { $lt: last._id } }];
    }
    const items = await this.#col
      .find(filter)
      .sort({ receivedAt: -1, _id: -1 })
      .limit(options.first + 1)
      .toArray();
    return { items: items.slice(0, options.first), hasNextPage: items.length > options.first };
  }
}

/** The systems of a request in a stable order (by name), for display. */
export function systemsOf(doc: RequestDoc): SystemProgress[] {
  return Object.values(doc.systems ?? {}).sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId));
}
