import { createLogger } from '../../core/logger.js';
import { provenIdentity, type RejectionReason } from '../../core/storage/requests.js';
import type { RequestPlan, TargetSystem, VerifyArgs } from '../types.js';
import type { ActivityDeps } from './index.js';
import { mailSubject } from './mail.js';

const log = createLogger('dsr');

/** The request's own steps: acknowledgement, verification, rejection, start. */
export function requestActivities(deps: ActivityDeps) {
  const { requests, restrictions } = deps.storage;
  const now = deps.now ?? (() => new Date());

  return {
    /** Emails "received" (once) and tells the workflow what kind of request it carries and when it is due. */
    async acknowledgeRequest(requestId: string): Promise<RequestPlan> {
      const doc = await requests.get(requestId);
      await mailSubject(deps, doc, `received:${requestId}`, () => ({ name: 'received', requestId, type: doc.type, dueAt: doc.dueAt }));
      return {
        type: doc.type,
        verificationTimeoutMs: deps.config.verification.ttlMs,
        dueAt: doc.dueAt.toISOString(),
        reminderLeadsMs: deps.config.deadlines.reminderLeadsMs,
        manualTaskReminderMs: deps.config.deadlines.manualTaskReminderMs,
      };
    },

    /** Issues a code and emails it; a retry re-sends the same email rather than a new code. */
    async sendVerificationCode(requestId: string): Promise<void> {
      const doc = await requests.get(requestId);
      await mailSubject(deps, doc, `verification:${requestId}:1`, async () => {
        const { code, expiresAt } = await deps.verification.issue(requestId);
        return { name: 'verification_code', requestId, code, expiresAt };
      });
      await requests.update(requestId, { status: 'AWAITING_VERIFICATION' }, ['RECEIVED']);
    },

    async recordVerification(input: { requestId: string } & VerifyArgs): Promise<void> {
      await requests.update(
        input.requestId,
        { status: 'IN_PROGRESS', verifiedAt: new Date(input.verifiedAt), verificationMethod: input.method },
        ['RECEIVED', 'AWAITING_VERIFICATION'],
      );
      log.info('request verified', { requestId: input.requestId, method: input.method });
    },

    /** Refuses the request and tells the subject why (the DPO's words, if any, were stored with the decision). */
    async rejectRequest(input: { requestId: string; reason: RejectionReason }): Promise<void> {
      const doc = await requests.get(input.requestId);
      const detail = input.reason === 'dpo' ? (doc.rejection?.detail ?? null) : null;
      await requests.update(input.requestId, { status: 'REJECTED', statusReason: REJECTION_WORDS[input.reason], rejection: { reason: input.reason, detail } }, ['RECEIVED', 'AWAITING_VERIFICATION', 'REJECTED']);
      await mailSubject(deps, doc, `rejected:${input.requestId}`, () => ({ name: 'rejected', requestId: input.requestId, type: doc.type, reason: input.reason, detail }));
      log.info('request rejected', { requestId: input.requestId, reason: input.reason });
    },

    /**
     * The systems the request reaches: every connector enabled now, each marked
     * PENDING; the subject hears the request is under way. A restriction is
     * marked (or lifted) in Gardien itself at once, whatever the systems do.
     */
    async beginProcessing(requestId: string): Promise<TargetSystem[]> {
      const doc = await requests.get(requestId);
      const connectors = await deps.catalog.list({ enabled: true });
      const known = new Set((await requests.systems(requestId)).map((s) => s.connectorId));
      const updatedAt = now();
      for (const c of connectors) {
        if (known.has(c._id)) continue; // a retry after a crash keeps the progress already recorded
        await requests.setSystem(requestId, { connectorId: c._id, name: c.name, kind: c.kind, status: 'PENDING', counts: { located: 0, exported: 0 }, error: null, manualTaskId: null, updatedAt });
      }
      if (doc.type === 'RESTRICTION') {
        if (doc.liftRestriction) await restrictions.lift(provenIdentity(doc));
        else await restrictions.mark(provenIdentity(doc), requestId, doc.verifiedAt ?? updatedAt);
      }
      await mailSubject(deps, doc, `in_progress:${requestId}`, () => ({ name: 'in_progress', requestId, type: doc.type, dueAt: doc.dueAt }));
      return connectors.map((c) => ({ connectorId: c._id, name: c.name, kind: c.kind }));
    },
  };
}

const REJECTION_WORDS: Record<RejectionReason, string> = {
  verification_timeout: 'The identity was not verified in time',
  verification_failed: 'Too many wrong verification codes',
  dpo: 'Refused by the data protection officer',
};
