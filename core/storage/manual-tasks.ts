import { createHash } from 'node:crypto';
import type { Collection, Filter } from 'mongodb';
import { NotFoundError, ValidationError } from '../errors.js';
import type { RequestType } from '../requests.js';
import type { Storage } from './mongo.js';

export const MANUAL_TASK_STATUSES = ['OPEN', 'DONE', 'CANCELLED'] as const;
export type ManualTaskStatus = (typeof MANUAL_TASK_STATUSES)[number];

/**
 * Why a person has to act: the system has no API (`manual_system`), its
 * connector cannot do what the request asks (`not_supported`), the erasure
 * left records only a person can erase safely, e.g. a scanned PDF
 * (`manual_erasure`), or the DPO settled a failed system by hand (`resolution`).
 */
export type ManualTaskReason = 'manual_system' | 'not_supported' | 'manual_erasure' | 'resolution';

/** Work for a person on one system of one request; the request's workflow waits for it. */
export interface ManualTaskDoc {
  _id: string;
  requestId: string;
  connectorId: string;
  /** The connector's name when the task was opened. */
  system: string;
  type: RequestType;
  reason: ManualTaskReason;
  /** What to do, for the person who does it (may name the subject: it lives in MongoDB only). */
  instructions: string;
  assignee: string | null;
  status: ManualTaskStatus;
  createdAt: Date;
  /** The request's due date when the task was opened. */
  dueAt: Date;
  reminders: number;
  remindedAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  /** What the person did or found, in their words. */
  evidence: string | null;
  evidenceSha256: string | null;
  /** How many records the person found or handled, when they say. */
  records: number | null;
}

export interface ManualTaskPage {
  items: ManualTaskDoc[];
  hasNextPage: boolean;
}

export function manualTaskId(requestId: string, connectorId: string, attempt = 0): string {
  return `task_${requestId.replace(/^req_/, '')}_${connectorId.replace(/^conn_/, '')}${attempt > 0 ? `_${attempt}` : ''}`;
}

const MAX_EVIDENCE = 10_000;

/** The evidence a person gives for a manual task, trimmed; a ValidationError when it cannot be accepted. */
export function checkEvidence(evidence: string, records: number | null | undefined): string {
  const text = evidence.trim();
  if (text === '') throw new ValidationError('Say what was done or found: the evidence is kept with the request and its SHA-256 is signed into the report', [{ path: 'evidence', message: 'required' }]);
  if (text.length > MAX_EVIDENCE) throw new ValidationError(`Evidence is limited to ${MAX_EVIDENCE} characters`, [{ path: 'evidence', message: 'too long' }]);
  if (records != null && (!Number.isInteger(records) || records < 0)) {
    throw new ValidationError('records is a count: a whole number, 0 or more', [{ path: 'records', message: 'not a count' }]);
  }
  return text;
}

export class ManualTaskRepository {
  readonly #col: Collection<ManualTaskDoc>;
  constructor(storage: Storage) {
    this.#col = storage.collection<ManualTaskDoc>('manual_tasks');
  }

  async ensureIndexes(): Promise<void> {
    await this.#col.createIndex({ status: 1, createdAt: -1 });
    await this.#col.createIndex({ requestId: 1 });
  }

  /** Opens the task once: a retried call returns the task as it already is. */
  async open(doc: Omit<ManualTaskDoc, 'status' | 'reminders' | 'remindedAt' | 'completedAt' | 'completedBy' | 'evidence' | 'evidenceSha256' | 'records'>): Promise<ManualTaskDoc> {
    const fresh: ManualTaskDoc = { ...doc, status: 'OPEN', reminders: 0, remindedAt: null, completedAt: null, completedBy: null, evidence: null, evidenceSha256: null, records: null };
    const { _id, ...rest } = fresh;
    await this.#col.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true });
    return this.get(_id);
  }

  find(id: string): Promise<ManualTaskDoc | null> {
    return this.#col.findOne({ _id: id });
  }

  async get(id: string): Promise<ManualTaskDoc> {
    const doc = await this.find(id);
    if (!doc) throw new NotFoundError('Manual task', id);
    return doc;
  }

  /**
   * Records the person's evidence and closes the task. Completing it again
   * with the same evidence is harmless; a closed task cannot be rewritten.
   */
  async complete(id: string, input: { by: string; evidence: string; records?: number | null; at: Date }): Promise<ManualTaskDoc> {
    const evidence = checkEvidence(input.evidence, input.records);
    const evidenceSha256 = createHash('sha256').update(evidence, 'utf8').digest('hex');
    const done = await this.#col.findOneAndUpdate(
      { _id: id, status: 'OPEN' },
      { $set: { status: 'DONE', completedAt: input.at, completedBy: input.by, evidence, evidenceSha256, records: input.records ?? null } },
      { returnDocument: 'after' },
    );
    if (done) return done;
    const current = await this.get(id);
    if (current.status === 'DONE' && current.evidenceSha256 === evidenceSha256) return current;
    throw new ValidationError(`This task is ${current.status.toLowerCase()} already`, [{ path: 'id', message: current.status }]);
  }

  async cancel(id: string): Promise<void> {
    await this.#col.updateOne({ _id: id, status: 'OPEN' }, { $set: { status: 'CANCELLED' } });
  }

  async noteReminder(id: string, at: Date): Promise<void> {
    await this.#col.updateOne({ _id: id }, { $set: { remindedAt: at }, $inc: { reminders: 1 } });
  }

  /** Oldest first, so the queue is worked in order; `after` is the id of the last task of the previous page. */
  async list(options: { status?: ManualTaskStatus | null; requestId?: string | null; first: number; after?: string | null }): Promise<ManualTaskPage> {
    const filter: Filter<ManualTaskDoc> = {};
    if (options.status) filter.status = options.status;
    if (options.requestId) filter.requestId = options.requestId;
    if (options.after) {
      const last = await this.#col.findOne({ _id: options.after }, { projection: { createdAt: 1 } });
      if (!last) throw new NotFoundError('Manual task', options.after);
      filter.$or = [{ createdAt: { $gt: last.createdAt } }, { createdAt: last.createdAt, _id: { $gt: last._id } }];
    }
    const items = await this.#col.find(filter).sort({ createdAt: 1, _id: 1 }).limit(options.first + 1).toArray();
    return { items: items.slice(0, options.first), hasNextPage: items.length > options.first };
  }
}
