import { createLogger } from '../../core/logger.js';
import type { RequestDoc } from '../../core/storage/requests.js';
import type { RequestPlan, TargetSystem, VerifyArgs } from '../types.js';
import type { ActivityDeps } from './index.js';

const log = createLogger('dsr');

/** The request's own steps: acknowledgement, verification, start, rejection, failure. */
export function requestActivities(deps: ActivityDeps) {
  const { requests } = deps.storage;
  const now = deps.now ?? (() => new Date());

  function recipient(doc: RequestDoc): string {
    if (!doc.identity.email) throw new Error(`Request ${doc._id} has no email to write to`);
    return doc.identity.email;
  }

  return {
    /** Emails "received" (once) and tells the workflow what kind of request it carries. */
    async acknowledgeRequest(requestId: string): Promise<RequestPlan> {
      const doc = await requests.get(requestId);
      await deps.mailer.sendOnce({
        key: `received:${requestId}`,
        to: recipient(doc),
        language: doc.language,
        requestId,
        template: () => ({ name: 'received', requestId, type: doc.type, dueAt: doc.dueAt }),
      });
      return { type: doc.type, verificationTimeoutMs: deps.config.verification.ttlMs };
    },

    /** Issues a code and emails it; a retry re-sends the same email rather than a new code. */
    async sendVerificationCode(requestId: string): Promise<void> {
      const doc = await requests.get(requestId);
      await deps.mailer.sendOnce({
        key: `verification:${requestId}:1`,
        to: recipient(doc),
        language: doc.language,
        requestId,
        template: async () => {
          const { code, expiresAt } = await deps.verification.issue(requestId);
          return { name: 'verification_code', requestId, code, expiresAt };
        },
      });
      await requests.update(requestId, { status: 'AWAITING_VERIFICATION' }, ['RECEIVED']);
    },

    async recordVerification(input: { requestId: string } & VerifyArgs): Promise<void> {
      await requests.update(
        input.requestId,
        { status: 'IN_PROGRESS', verifiedAt: new Date(input.verifiedAt), verificationMethod: input.method },
        ['RECEIVED', 'AWAITING_VERIFICATION'],
      );
      log.info('request verified', { requestId: input.requestId });
    },

    async rejectRequest(input: { requestId: string; reason: string }): Promise<void> {
      await requests.update(input.requestId, { status: 'REJECTED', statusReason: input.reason }, ['RECEIVED', 'AWAITING_VERIFICATION']);
      log.info('request rejected', { requestId: input.requestId, reason: input.reason });
    },

    /** The systems the request reaches: every connector enabled now, each marked PENDING. */
    async beginProcessing(requestId: string): Promise<TargetSystem[]> {
      const connectors = await deps.catalog.list({ enabled: true });
      const updatedAt = now();
      for (const c of connectors) {
        await requests.setSystem(requestId, {
          connectorId: c._id,
          name: c.name,
          kind: c.kind,
          status: 'PENDING',
          counts: { located: 0, exported: 0 },
          error: null,
          updatedAt,
        });
      }
      return connectors.map((c) => ({ connectorId: c._id, name: c.name, kind: c.kind }));
    },

    async failRequest(input: { requestId: string; failures: { connectorId: string; error: string | null }[] }): Promise<void> {
      const names = new Map((await requests.systems(input.requestId)).map((s) => [s.connectorId, s.name]));
      const reason = input.failures.map((f) => `${names.get(f.connectorId) ?? f.connectorId}: ${f.error ?? 'failed'}`).join('; ');
      await requests.update(input.requestId, { status: 'FAILED', statusReason: reason }, ['IN_PROGRESS']);
      log.warn('request failed', { requestId: input.requestId, systems: input.failures.map((f) => f.connectorId) });
    },
  };
}
