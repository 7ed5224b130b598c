import { ChildWorkflowFailure, allHandlersFinished, condition, defineQuery, defineUpdate, executeChild, proxyActivities, setHandler } from '@temporalio/workflow';
import type { RequestType } from '../core/requests.js';
import type { DsrActivities } from './activities/index.js';
import { workflowNow } from './clock.js';
import { systemWorkflow } from './system.workflow.js';
import type { DsrInput, DsrOutcome, DsrProgress, SystemSummary, TargetSystem, VerifyArgs } from './types.js';

export const verifyUpdate = defineUpdate<{ verified: true }, [VerifyArgs]>('verify');
export const progressQuery = defineQuery<DsrProgress>('progress');

export function dsrWorkflowId(requestId: string): string {
  return `dsr-${requestId}`;
}

export function systemWorkflowId(requestId: string, connectorId: string): string {
  return `dsr-${requestId}-${connectorId}`;
}

// Bookkeeping and emails: a mail or database outage delays the request, it does not fail it.
const acts = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
const { sealReport } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * A data-subject request, carried by its id only: acknowledge → verify the
 * subject → one child per system → signed report → completion email. Every
 * step's I/O happens in activities; the request document is the read model.
 */
export async function dsrWorkflow(input: DsrInput): Promise<DsrOutcome> {
  const { requestId } = input;
  const progress: DsrProgress = { phase: 'received', systems: {}, reportId: null };
  let recording: Promise<void> | undefined;
  setHandler(progressQuery, () => progress);
  setHandler(
    verifyUpdate,
    async (args) => {
      recording ??= acts.recordVerification({ requestId, ...args });
      await recording;
      return { verified: true as const };
    },
    {
      validator: (_args: VerifyArgs) => {
        if (progress.phase !== 'received' && progress.phase !== 'awaiting_verification' && recording === undefined) {
          throw new Error(`This request is ${progress.phase.replace('_', ' ')} and cannot be verified`);
        }
      },
    },
  );

  const plan = await acts.acknowledgeRequest(requestId);
  await acts.sendVerificationCode(requestId);
  progress.phase = 'awaiting_verification';
  if (!(await condition(() => recording !== undefined, plan.verificationTimeoutMs))) {
    progress.phase = 'rejected';
    await acts.rejectRequest({ requestId, reason: 'The identity was not verified in time' });
    return { status: 'REJECTED', reportId: null };
  }
  await recording;

  progress.phase = 'in_progress';
  const targets = await acts.beginProcessing(requestId);
  const summaries = await Promise.all(targets.map((target) => runSystem(requestId, plan.type, target, progress)));

  const failed = summaries.filter((s) => s.status === 'FAILED');
  if (failed.length > 0) {
    progress.phase = 'failed';
    await acts.failRequest({ requestId, failures: failed.map((s) => ({ connectorId: s.connectorId, error: s.error })) });
    await condition(allHandlersFinished);
    return { status: 'FAILED', reportId: null };
  }

  progress.phase = 'finishing';
  const sealed = await sealReport({ requestId, summaries });
  progress.reportId = sealed.reportId;
  await acts.notifyCompleted({ requestId, ...sealed });
  progress.phase = 'completed';
  await condition(allHandlersFinished);
  return { status: 'COMPLETED', reportId: sealed.reportId };
}

async function runSystem(requestId: string, type: RequestType, target: TargetSystem, progress: DsrProgress): Promise<SystemSummary> {
  progress.systems[target.connectorId] = { name: target.name, status: 'RUNNING', counts: { located: 0, exported: 0 }, error: null };
  let summary: SystemSummary;
  try {
    summary = await executeChild(systemWorkflow, {
      workflowId: systemWorkflowId(requestId, target.connectorId),
      args: [{ requestId, connectorId: target.connectorId, type }],
    });
  } catch (error) {
    // The child reports its own failures; this is one that was terminated or timed out from outside.
    if (!(error instanceof ChildWorkflowFailure)) throw error;
    const now = workflowNow().toISOString();
    const reason = `the ${target.name} task stopped: ${error.cause?.message ?? error.message}`;
    summary = { connectorId: target.connectorId, status: 'FAILED', counts: { located: 0, exported: 0 }, exports: [], startedAt: now, finishedAt: now, error: reason };
    await acts.recordSystemOutcome({ requestId, connectorId: target.connectorId, status: 'FAILED', counts: summary.counts, error: reason });
  }
  progress.systems[target.connectorId] = { name: target.name, status: summary.status, counts: summary.counts, error: summary.error };
  return summary;
}
