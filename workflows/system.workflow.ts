import { ActivityFailure, ApplicationFailure, TimeoutFailure, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DsrActivities } from './activities/index.js';
import { workflowNow } from './clock.js';
import type { SystemInput, SystemSummary, SystemView } from './types.js';

export const systemProgressQuery = defineQuery<Omit<SystemView, 'name'>>('progress');

const retry = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 } as const;

const { locateSubject } = proxyActivities<DsrActivities>({ startToCloseTimeout: '5 minutes', retry });
// Long reads heartbeat, so a worker that died mid-export is noticed in minutes, not after the whole timeout.
const { collectExport } = proxyActivities<DsrActivities>({ startToCloseTimeout: '1 hour', heartbeatTimeout: '2 minutes', retry });
// Erasure changes the system: one attempt at a time, each idempotent, so a retry after a crash does not erase twice.
const { eraseSubject, verifyErasure } = proxyActivities<DsrActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '5 minutes', retry });
const { recordSystemOutcome } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One system's part of a request: locate the subject, then act (for ACCESS:
 * collect the export, written by the activity). Returns ids, counts and
 * hashes only. A failure after retries is returned as a FAILED summary with
 * its reason, so the request can say which system failed and why.
 */
export async function systemWorkflow(input: SystemInput): Promise<SystemSummary> {
  const startedAt = workflowNow().toISOString();
  const view: Omit<SystemView, 'name'> = { status: 'RUNNING', counts: { located: 0, exported: 0 }, error: null };
  setHandler(systemProgressQuery, () => view);
  const summary: SystemSummary = { connectorId: input.connectorId, status: 'DONE', counts: view.counts, exports: [], startedAt, finishedAt: startedAt, error: null };
  try {
    const located = await locateSubject(input);
    view.counts.located = located.located;
    switch (input.type) {
      case 'ACCESS': {
        const collected = await collectExport(input);
        view.counts.exported = collected.records;
        summary.exports.push(collected.file);
        break;
      }
      case 'ERASURE': {
        const erased = await eraseSubject(input);
        const acted = erased.actions;
        view.counts.erased = (acted.deleted ?? 0) + (acted.anonymised ?? 0) + (acted.vendor_deleted ?? 0);
        view.counts.retained = erased.actions.retained ?? 0;
        const verification = await verifyErasure(input);
        view.counts.remaining = verification.remaining;
        summary.erasure = { ...erased, verification };
        break;
      }
      default:
        throw ApplicationFailure.nonRetryable(`${input.type} requests are not carried out yet`, 'NOT_SUPPORTED');
    }
  } catch (error) {
    summary.status = 'FAILED';
    summary.error = failureReason(error);
  }
  view.status = summary.status;
  view.error = summary.error;
  summary.finishedAt = workflowNow().toISOString();
  await recordSystemOutcome({ requestId: input.requestId, connectorId: input.connectorId, status: summary.status, counts: view.counts, error: summary.error });
  return summary;
}

function failureReason(error: unknown): string {
  if (error instanceof ActivityFailure) {
    if (error.cause instanceof TimeoutFailure) return `${error.activityType} timed out`;
    if (error.cause instanceof ApplicationFailure) return error.cause.message;
    return error.cause?.message ?? error.message;
  }
  if (error instanceof ApplicationFailure) return error.message;
  throw error; // anything else is a bug in this workflow: let Temporal show it rather than hide it as a system failure
}
