import { randomBytes } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import type { SealedSecret } from '../crypto.js';
import type { SubjectIdentity } from '../identity.js';
import type { RectificationChange } from '../rectification.js';
import { NotFoundError } from '../errors.js';
import { TERMINAL_STATUSES, type Language, type RequestStatus, type RequestType, type SystemCounts, type SystemProgress } from '../requests.js';
import type { Storage } from './mongo.js';

/**
 * One system's progress on one request, a document of its own: each system's
 * task writes only its own, so parallel systems never update the same
 * document (FerretDB may lose one of two concurrent updates to a document).
 */
interface SystemProgressDoc extends SystemProgress {
  _id: string;
  requestId: string;
}

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
  reportId: string | null;
  exportId: string | null;
  /** Deadline extensions (Art. 12(3)), oldest first; `dueAt` is already the extended date. */
  extensions?: DeadlineExtension[];
  /** When the request went past its due date unfinished. */
  overdueSince?: Date | null;
  /** Rectification: the corrections asked for (values live here, never in Temporal). */
  rectification?: RectificationChange[] | null;
  /** Restriction: true when the request lifts an earlier restriction. */
  liftRestriction?: boolean;
  /** Portability: the subject's passphrase for the ZIP, sealed; removed once the package is written. */
  passphrase?: SealedSecret | null;
  /** DPO verification by other means than the emailed code. */
  attestation?: { by: string; justification: string; at: Date } | null;
  rejection?: { reason: RejectionReason; detail: string | null } | null;
  cancellation?: { by: 'subject' | 'dpo'; actor: string | null; reason: string | null; at: Date } | null;
}

export type RejectionReason = 'verification_timeout' | 'verification_failed' | 'dpo';

export interface DeadlineExtension {
  months: number;
  reason: string;
  by: string;
  at: Date;
  previousDueAt: Date;
  dueAt: Date;
}

/**
 * The identity a request may act on: the email its code proved, plus the
 * phone and external id only when the DPO attested the whole identity. A
 * phone number typed into the form proves nothing: matching on it would
 * hand (or erase) someone else's records.
 */
export function provenIdentity(doc: Pick<RequestDoc, 'identity' | 'verificationMethod'>): SubjectIdentity {
  if (doc.verificationMethod === 'dpo_attestation') return doc.identity;
  const { email, name } = doc.identity;
  return { ...(email ? { email } : {}), ...(name ? { name } : {}) };
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
  readonly #systems: Collection<SystemProgressDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<RequestDoc>('requests');
    this.#systems = storage.collection<SystemProgressDoc>('request_systems');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ status: 1, receivedAt: -1 });
    await this.#col.createIndex({ receivedAt: -1 });
    await this.#systems.createIndex({ requestId: 1 });
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
    await this.#systems.deleteMany({ requestId: id });
  }

  /** Sets fields only while the request is in one of `from` (so a finished request is never reopened). */
  async update(
    id: string,
    set: Partial<Omit<RequestDoc, '_id'>>,
    from?: readonly RequestStatus[],
  ): Promise<RequestDoc | null> {
    const filter: Filter<RequestDoc> = from ? { _id: id, status: { $in: [...from] } } : { _id: id };
    return this.#col.findOneAndUpdate(filter, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' });
  }

  /** Applies an update only when the request still matches `filter` (a compare-and-set); null when it did not. */
  async updateWhere(id: string, filter: Filter<RequestDoc>, update: { $set?: Partial<RequestDoc>; $push?: Record<string, unknown>; $unset?: Record<string, ''> }): Promise<RequestDoc | null> {
    const set = { ...update.$set, updatedAt: new Date() };
    return this.#col.findOneAndUpdate({ ...filter, _id: id }, { ...update, $set: set } as never, { returnDocument: 'after' });
  }

  async setSystem(id: string, progress: SystemProgress): Promise<void> {
    await this.#systems.replaceOne({ _id: systemKey(id, progress.connectorId) }, { ...progress, requestId: id }, { upsert: true });
  }

  async patchSystem(
    id: string,
    connectorId: string,
    patch: Partial<Pick<SystemProgress, 'status' | 'error' | 'manualTaskId'>> & { counts?: Partial<SystemCounts> },
  ): Promise<void> {
    const set: Record<string, unknown> = { updatedAt: new Date() };
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'counts' && value) {
        for (const [count, n] of Object.entries(value)) set[`counts.${count}`] = n;
      } else {
        set[key] = value;
      }
    }
    await this.#systems.updateOne({ _id: systemKey(id, connectorId) }, { $set: set });
  }

  /** The systems of a request in a stable order (by name). */
  async systems(id: string): Promise<SystemProgress[]> {
    const docs = await this.#systems.find({ requestId: id }).toArray();
    return docs
      .map(({ _id: _key, requestId: _request, ...progress }) => progress)
      .sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId));
  }

  /** Newest first; `after` is the id of the last request of the previous page; `email` keeps one subject's; `overdue`: past the due date and not finished (as of `now`). */
  async list(options: { status?: RequestStatus | null; overdue?: boolean | null; now?: Date; email?: string; first: number; after?: string | null }): Promise<RequestPage> {
    const filter: Filter<RequestDoc> = options.status ? { status: options.status } : {};
    if (options.overdue != null) {
      const now = options.now ?? new Date();
      const finished = [...TERMINAL_STATUSES];
      filter.$and = options.overdue
        ? [{ dueAt: { $lt: now } }, { status: { $nin: finished } }]
        : [{ $or: [{ dueAt: { $gte: now } }, { status: { $in: finished } }] }];
    }
    if (options.email) filter['identity.email'] = options.email;
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

function systemKey(requestId: string, connectorId: string): string {
  return `${requestId}/${connectorId}`;
}
