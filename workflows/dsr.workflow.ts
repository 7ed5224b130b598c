import { allHandlersFinished, condition, defineQuery, defineSignal, defineUpdate, proxyActivities, setHandler, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import type { RequestType } from '../core/requests.js';
import type { DsrActivities } from './activities/index.js';
import { watchDeadline, type DeadlineState } from './deadline.js';
import { MESSAGES, systemWorkflowId } from './messages.js';
import { systemWorkflow } from './system.workflow.js';
import type { CancelArgs, DeadlineArgs, DsrInput, DsrOutcome, DsrProgress, RejectArgs, SystemSummary, TargetSystem, VerifyArgs } from './types.js';

export const verifyUpdate = defineUpdate<{ verified: true }, [VerifyArgs]>(MESSAGES.verify);
export const rejectUpdate = defineUpdate<{ rejected: true }, [RejectArgs]>(MESSAGES.reject);
export const cancelUpdate = defineUpdate<{ cancelled: true }, [CancelArgs]>(MESSAGES.cancel);
export const deadlineSignal = defineSignal<[DeadlineArgs]>(MESSAGES.deadlineChanged);
export const progressQuery = defineQuery<DsrProgress>(MESSAGES.progress);
const stopSignal = defineSignal(MESSAGES.stop);

// Bookkeeping and emails: a mail or database outage delays the request, it does not fail it.
const acts = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
const { sealReport } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const phaseWords = (phase: string) => phase.replace('_', ' ');

/**
 * A data-subject request, carried by its id only: acknowledge → verify the
 * subject → one child per system → signed report → closing email. Deadline
 * reminders run beside it; the subject or the DPO may cancel it until the
 * report is being sealed. Every step's I/O happens in activities.
 */
export async function dsrWorkflow(input: DsrInput): Promise<DsrOutcome> {
  const { requestId } = input;
  const progress: DsrProgress = { phase: 'received', dueAt: '', systems: {}, reportId: null };
  let verifying: Promise<void> | undefined;
  let rejection: RejectArgs | undefined;
  let cancellation: CancelArgs | undefined;
  const children = new Map<string, ChildWorkflowHandle<typeof systemWorkflow>>();
  const beforeProcessing = () => progress.phase === 'received' || progress.phase === 'awaiting_verification';
  setHandler(progressQuery, () => progress);
  setHandler(
    verifyUpdate,
    async (args) => {
      verifying ??= acts.recordVerification({ requestId, ...args });
      await verifying;
      return { verified: true as const };
    },
    { validator: (_args: VerifyArgs) => refuseUnless(beforeProcessing() || verifying !== undefined, progress.phase, 'verified') },
  );
  setHandler(
    rejectUpdate,
    (args) => {
      rejection ??= args;
      return { rejected: true as const };
    },
    { validator: (_args: RejectArgs) => refuseUnless(beforeProcessing() && verifying === undefined && !cancellation, progress.phase, 'rejected') },
  );
  setHandler(
    cancelUpdate,
    (args) => {
      if (cancellation) return { cancelled: true as const };
      cancellation = args;
      // A child may end while the signal travels: it has nothing left to stop.
      for (const child of children.values()) void child.signal(stopSignal).catch(() => undefined);
      return { cancelled: true as const };
    },
    { validator: (_args: CancelArgs) => refuseUnless(beforeProcessing() || progress.phase === 'in_progress', progress.phase, 'cancelled') },
  );

  const plan = await acts.acknowledgeRequest(requestId);
  const deadline: DeadlineState = { dueAt: plan.dueAt, finished: false };
  progress.dueAt = plan.dueAt;
  setHandler(deadlineSignal, async ({ dueAt }) => {
    if (deadline.finished || dueAt === deadline.dueAt) return;
    deadline.dueAt = progress.dueAt = dueAt;
    await acts.notifyDeadlineExtended({ requestId, dueAt });
  });
  const watching = watchDeadline(requestId, deadline, plan.reminderLeadsMs);
  const finish = async (outcome: DsrOutcome): Promise<DsrOutcome> => {
    deadline.finished = true;
    await watching;
    await condition(allHandlersFinished);
    return outcome;
  };

  await acts.sendVerificationCode(requestId);
  progress.phase = 'awaiting_verification';
  const decided = await condition(() => verifying !== undefined || rejection !== undefined || cancellation !== undefined, plan.verificationTimeoutMs);
  if (cancellation && !verifying) return finish(await close(requestId, progress, [], 'CANCELLED'));
  if (!decided || (rejection && !verifying)) {
    progress.phase = 'rejected';
    await acts.rejectRequest({ requestId, reason: rejection?.reason ?? 'verification_timeout' });
    return finish({ status: 'REJECTED', reportId: null });
  }
  await verifying;

  progress.phase = 'in_progress';
  const targets = await acts.beginProcessing(requestId);
  for (const target of targets) progress.systems[target.connectorId] = { name: target.name, status: 'PENDING', counts: { located: 0, exported: 0 }, error: null };
  const run = { requestId, type: plan.type, manualTaskReminderMs: plan.manualTaskReminderMs, progress, children, cancelled: () => cancellation !== undefined };
  const summaries = await Promise.all(targets.map((target) => runSystem(run, target)));
  return finish(await close(requestId, progress, summaries, cancellation ? 'CANCELLED' : 'COMPLETED'));
}

/** Seals the report of what was done and sends the closing email. */
async function close(requestId: string, progress: DsrProgress, summaries: SystemSummary[], status: 'COMPLETED' | 'CANCELLED'): Promise<DsrOutcome> {
  progress.phase = 'finishing';
  const sealed = await sealReport({ requestId, summaries, status });
  progress.reportId = sealed.reportId;
  if (status === 'COMPLETED') await acts.notifyCompleted({ requestId, ...sealed });
  else await acts.notifyCancelled({ requestId, reportId: sealed.reportId });
  progress.phase = status === 'COMPLETED' ? 'completed' : 'cancelled';
  return { status, reportId: sealed.reportId };
}

interface SystemRun {
  requestId: string;
  type: RequestType;
  manualTaskReminderMs: number;
  progress: DsrProgress;
  children: Map<string, ChildWorkflowHandle<typeof systemWorkflow>>;
  cancelled: () => boolean;
}

/** One child per system; a cancellation that came while it was starting reaches it once it has started. */
async function runSystem(run: SystemRun, target: TargetSystem): Promise<SystemSummary> {
  run.progress.systems[target.connectorId] = { name: target.name, status: 'RUNNING', counts: { located: 0, exported: 0 }, error: null };
  const child = await startChild(systemWorkflow, {
    workflowId: systemWorkflowId(run.requestId, target.connectorId),
    args: [{ requestId: run.requestId, connectorId: target.connectorId, type: run.type, manualTaskReminderMs: run.manualTaskReminderMs }],
  });
  run.children.set(target.connectorId, child);
  if (run.cancelled()) await child.signal(stopSignal).catch(() => undefined);
  const summary = await child.result();
  run.children.delete(target.connectorId);
  run.progress.systems[target.connectorId] = { name: target.name, status: summary.status, counts: summary.counts, error: summary.error };
  return summary;
}

function refuseUnless(allowed: boolean, phase: string, what: string): void {
  if (!allowed) throw new Error(`This request is ${phaseWords(phase)} and can no longer be ${what}`);
}
