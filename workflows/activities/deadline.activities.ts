import { createLogger } from '../../core/logger.js';
import { TERMINAL_STATUSES } from '../../core/requests.js';
import type { ActivityDeps } from './index.js';
import { mailStaff, mailSubject } from './mail.js';

const log = createLogger('dsr');

/** The legal deadline's side effects: the subject told of an extension, the DPO reminded, overdue flagged. */
export function deadlineActivities(deps: ActivityDeps) {
  const { requests } = deps.storage;
  const now = deps.now ?? (() => new Date());

  return {
    /** Emails the subject the new due date and the DPO's reason, once per extension. */
    async notifyDeadlineExtended(input: { requestId: string; dueAt: string }): Promise<void> {
      const doc = await requests.get(input.requestId);
      const extension = doc.extensions?.find((e) => e.dueAt.toISOString() === input.dueAt);
      if (!extension) throw new Error(`Request ${input.requestId} has no extension to ${input.dueAt}`);
      await mailSubject(deps, doc, `extended:${input.requestId}:${input.dueAt}`, () => ({
        name: 'deadline_extended',
        requestId: input.requestId,
        type: doc.type,
        previousDueAt: extension.previousDueAt,
        dueAt: extension.dueAt,
        reason: extension.reason,
      }));
    },

    /** Reminds the DPO that a request is due soon (nothing when it has ended meanwhile). */
    async remindDeadline(input: { requestId: string; dueAt: string; leadMs: number }): Promise<void> {
      const doc = await requests.get(input.requestId);
      if (TERMINAL_STATUSES.has(doc.status)) return;
      const daysLeft = Math.max(0, Math.ceil((doc.dueAt.getTime() - now().getTime()) / 86_400_000));
      await mailStaff(deps, input.requestId, `reminder:${input.requestId}:${input.dueAt}:${input.leadMs}`, () => ({ name: 'deadline_reminder', requestId: input.requestId, type: doc.type, dueAt: doc.dueAt, daysLeft }));
    },

    /** Flags the request overdue in the read model and tells the DPO, once per due date. */
    async markOverdue(input: { requestId: string; dueAt: string }): Promise<void> {
      const doc = await requests.get(input.requestId);
      if (TERMINAL_STATUSES.has(doc.status)) return;
      // `null` matches a missing field too: the first flag stays.
      await requests.updateWhere(input.requestId, { overdueSince: null }, { $set: { overdueSince: now() } });
      await mailStaff(deps, input.requestId, `overdue:${input.requestId}:${input.dueAt}`, () => ({ name: 'overdue', requestId: input.requestId, type: doc.type, dueAt: doc.dueAt }));
      log.warn('request overdue', { requestId: input.requestId, dueAt: input.dueAt });
    },
  };
}
