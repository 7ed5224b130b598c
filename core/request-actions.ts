/**
 * What the DPO (and the subject, for withdrawing) can do to a request once it
 * is filed: verify by other means, refuse, cancel, extend the deadline, retry
 * or settle a failed system, complete manual tasks. Each checks its input and
 * the request's state first and changes nothing when it refuses.
 */
import { ValidationError } from './errors.js';
import { createLogger } from './logger.js';
import type { RequestWorkflows } from './request-service.js';
import { MAX_EXTENSION_MONTHS, TERMINAL_STATUSES, dueDate, type RequestStatus } from './requests.js';
import { checkEvidence, manualTaskId, type ManualTaskDoc, type ManualTaskRepository } from './storage/manual-tasks.js';
import type { DeadlineExtension, RequestDoc, RequestRepository } from './storage/requests.js';

const log = createLogger('requests');
const BEFORE_PROCESSING: RequestStatus[] = ['RECEIVED', 'AWAITING_VERIFICATION'];
const MAX_TEXT = 2000;

function words(value: string | null | undefined, path: string, what: string, required: boolean): string | null {
  const text = value?.trim() ?? '';
  if (text === '' && required) throw new ValidationError(`${what} is needed`, [{ path, message: 'required' }]);
  if (text.length > MAX_TEXT) throw new ValidationError(`${what} is limited to ${MAX_TEXT} characters`, [{ path, message: 'too long' }]);
  return text || null;
}

function refuse(message: string, path = 'id', problem = 'not now'): ValidationError {
  return new ValidationError(message, [{ path, message: problem }]);
}

export class RequestActions {
  readonly #now: () => Date;
  constructor(
    private readonly requests: RequestRepository,
    private readonly tasks: ManualTaskRepository,
    private readonly workflows: RequestWorkflows,
    options: { now?: () => Date } = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  async #open(id: string, allowed?: readonly RequestStatus[]): Promise<RequestDoc> {
    const doc = await this.requests.get(id);
    if (TERMINAL_STATUSES.has(doc.status) || (allowed && !allowed.includes(doc.status))) throw refuse(`This request is ${doc.status.toLowerCase().replace('_', ' ')}`, 'id', doc.status);
    return doc;
  }

  /** The DPO confirms the subject's identity by other means (a written justification, audited by the caller). */
  async verifyByAttestation(id: string, by: string, justification: string): Promise<RequestDoc> {
    const text = words(justification, 'justification', 'A justification of how the identity was verified', true)!;
    await this.#open(id, BEFORE_PROCESSING);
    const at = this.#now();
    await this.requests.updateWhere(id, { status: { $in: BEFORE_PROCESSING } }, { $set: { attestation: { by, justification: text, at } } });
    await this.workflows.confirmVerified(id, at, 'dpo_attestation');
    return this.requests.get(id);
  }

  /** The DPO refuses a request before it runs (e.g. manifestly unfounded, Art. 12(5)); the subject is told why. */
  async reject(id: string, detail: string): Promise<RequestDoc> {
    const text = words(detail, 'reason', 'The reason, sent to the subject,', true);
    await this.#open(id, BEFORE_PROCESSING);
    await this.requests.updateWhere(id, {}, { $set: { rejection: { reason: 'dpo', detail: text } } });
    try {
      await this.workflows.reject(id, 'dpo');
    } catch (error) {
      await this.requests.updateWhere(id, {}, { $unset: { rejection: '' } });
      throw error;
    }
    return this.requests.get(id);
  }

  /** Withdraws the request; what was already done in each system is stated in its report. */
  async cancel(id: string, by: 'subject' | 'dpo', actor: string | null, reason: string | null): Promise<RequestDoc> {
    const text = words(reason, 'reason', 'The reason', false);
    const doc = await this.#open(id);
    if (!doc.cancellation) {
      await this.requests.updateWhere(id, { status: { $nin: [...TERMINAL_STATUSES] } }, { $set: { cancellation: { by, actor, reason: text, at: this.#now() } } });
    }
    try {
      await this.workflows.cancel(id, doc.cancellation?.by ?? by);
    } catch (error) {
      if (!doc.cancellation) await this.requests.updateWhere(id, {}, { $unset: { cancellation: '' } });
      throw error;
    }
    log.info('request cancelled', { requestId: id, by });
    return this.requests.get(id);
  }

  /**
   * Moves the due date by one or two months (at most two in all, GDPR Art.
   * 12(3)), only before it has passed; the subject is emailed the reason.
   */
  async extendDeadline(id: string, months: number, reason: string, by: string): Promise<RequestDoc> {
    const text = words(reason, 'reason', 'The reason, sent to the subject,', true)!;
    if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) throw refuse(`An extension is 1 or ${MAX_EXTENSION_MONTHS} months`, 'months', 'out of range');
    const doc = await this.#open(id);
    const now = this.#now();
    if (now.getTime() >= doc.dueAt.getTime()) throw refuse('The due date has passed: an extension must be decided and told to the subject before it (GDPR Art. 12(3))', 'id', 'overdue');
    const used = (doc.extensions ?? []).reduce((n, e) => n + e.months, 0);
    if (used + months > MAX_EXTENSION_MONTHS) {
      throw refuse(`The deadline can be extended by ${MAX_EXTENSION_MONTHS} months in all; ${used} already used`, 'months', 'too many');
    }
    const extension: DeadlineExtension = { months, reason: text, by, at: now, previousDueAt: doc.dueAt, dueAt: dueDate(doc.receivedAt, 1 + used + months) };
    // Compare-and-set on the due date: two extensions decided at once cannot both count.
    const updated = await this.requests.updateWhere(id, { dueAt: doc.dueAt, status: { $nin: [...TERMINAL_STATUSES] } }, { $set: { dueAt: extension.dueAt, overdueSince: null }, $push: { extensions: extension } });
    if (!updated) throw refuse('The request changed meanwhile; look at it again');
    await this.workflows.deadlineChanged(id, extension.dueAt);
    log.info('deadline extended', { requestId: id, months, dueAt: extension.dueAt.toISOString() });
    return updated;
  }

  async #failedSystem(id: string, connectorId: string) {
    await this.#open(id, ['IN_PROGRESS']);
    const system = (await this.requests.systems(id)).find((s) => s.connectorId === connectorId);
    if (!system) throw refuse(`Request ${id} has no system ${connectorId}`, 'connectorId', 'unknown');
    if (system.status !== 'FAILED') throw refuse(`${system.name} is ${system.status.toLowerCase().replace('_', ' ')}: only a failed system can be retried or resolved`, 'connectorId', system.status);
    return system;
  }

  async retrySystem(id: string, connectorId: string): Promise<RequestDoc> {
    await this.#failedSystem(id, connectorId);
    await this.workflows.retrySystem(id, connectorId);
    await this.requests.patchSystem(id, connectorId, { status: 'RUNNING', error: null });
    return this.requests.get(id);
  }

  /** The DPO settles a failed system by hand; the evidence is kept, its SHA-256 signed into the report. */
  async resolveSystem(id: string, connectorId: string, by: string, evidence: string, records: number | null): Promise<RequestDoc> {
    checkEvidence(evidence, records);
    const system = await this.#failedSystem(id, connectorId);
    const doc = await this.requests.get(id);
    const now = this.#now();
    const taskId = `${manualTaskId(id, connectorId)}_resolved_${now.getTime().toString(36)}`;
    await this.tasks.open({ _id: taskId, requestId: id, connectorId, system: system.name, type: doc.type, reason: 'resolution', instructions: `Resolved by hand after: ${system.error ?? 'a failure'}`, assignee: by, createdAt: now, dueAt: doc.dueAt });
    await this.tasks.complete(taskId, { by, evidence, records, at: now });
    await this.workflows.resolveSystem(id, connectorId, taskId);
    return this.requests.get(id);
  }

  /** Records the person's evidence and lets the request go on. */
  async completeManualTask(taskId: string, by: string, evidence: string, records: number | null): Promise<ManualTaskDoc> {
    const task = await this.tasks.complete(taskId, { by, evidence, records, at: this.#now() });
    // Should the signal be lost, the task's next reminder finds it completed.
    await this.workflows.manualTaskDone(task.requestId, task.connectorId, taskId).catch((error: unknown) => log.warn('could not tell the request a task is done', { taskId, reason: (error as Error).message }));
    return task;
  }

  listManualTasks(options: Parameters<ManualTaskRepository['list']>[0]) {
    return this.tasks.list(options);
  }

  getManualTask(id: string): Promise<ManualTaskDoc> {
    return this.tasks.get(id);
  }
}
