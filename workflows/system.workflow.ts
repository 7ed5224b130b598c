import { ActivityFailure, ApplicationFailure, TimeoutFailure, condition, defineQuery, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DsrActivities } from './activities/index.js';
import { workflowNow } from './clock.js';
import { MESSAGES } from './messages.js';
import { carryOut, type StepState } from './system-steps.js';
import type { SystemInput, SystemSummary, SystemView } from './types.js';

export const systemProgressQuery = defineQuery<Omit<SystemView, 'name'>>(MESSAGES.progress);
export const retryUpdate = defineUpdate<{ retrying: true }>(MESSAGES.retry);
export const resolveSignal = defineSignal<[{ taskId: string }]>(MESSAGES.resolve);
export const stopSignal = defineSignal(MESSAGES.stop);
export const manualTaskDoneSignal = defineSignal<[{ taskId: string }]>(MESSAGES.manualTaskDone);

const { recordSystemOutcome, notifySystemFailed, closeManualTask } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One system's part of a request: locate the subject, then act as the
 * request type says (collect, erase, rectify, restrict, opt out), or have a
 * person do it where the system cannot. A failure after the activities'
 * retries is shown with its reason and waits for the DPO to retry the system
 * or settle it by hand with evidence; a stop (the request was cancelled)
 * ends it after the step under way. Returns ids, counts and hashes only.
 */
export async function systemWorkflow(input: SystemInput): Promise<SystemSummary> {
  const startedAt = workflowNow().toISOString();
  const state: StepState = { view: { status: 'RUNNING', counts: { located: 0, exported: 0 }, error: null, manualTaskId: null }, stopped: false, tasksDone: new Set() };
  const summary: SystemSummary = { connectorId: input.connectorId, status: 'DONE', counts: state.view.counts, exports: [], attempts: 0, startedAt, finishedAt: startedAt, error: null };
  let retryAsked = false;
  let resolution: string | undefined;
  setHandler(systemProgressQuery, () => state.view);
  setHandler(stopSignal, () => void (state.stopped = true));
  setHandler(resolveSignal, ({ taskId }) => void (resolution ??= taskId));
  setHandler(
    retryUpdate,
    () => {
      retryAsked = true;
      return { retrying: true as const };
    },
    {
      validator: () => {
        if (state.view.status !== 'FAILED' || retryAsked) throw new Error(`This system is ${state.view.status.toLowerCase().replace('_', ' ')}: only a failed system can be retried`);
      },
    },
  );
  setHandler(manualTaskDoneSignal, ({ taskId }) => void state.tasksDone.add(taskId));

  for (;;) {
    summary.attempts += 1;
    try {
      summary.status = (await carryOut(input, state, summary)) === 'done' ? 'DONE' : 'CANCELLED';
      break;
    } catch (error) {
      summary.error = state.view.error = failureReason(error);
      state.view.status = 'FAILED';
      await recordSystemOutcome({ requestId: input.requestId, connectorId: input.connectorId, status: 'FAILED', counts: state.view.counts, error: summary.error });
      await notifySystemFailed({ requestId: input.requestId, connectorId: input.connectorId, attempt: summary.attempts });
      await condition(() => retryAsked || resolution !== undefined || state.stopped);
      if (resolution !== undefined) {
        summary.manual = await closeManualTask({ taskId: resolution });
        summary.status = 'DONE';
        break;
      }
      if (state.stopped) {
        summary.status = 'CANCELLED';
        break;
      }
      retryAsked = false;
      state.view = { ...state.view, status: 'RUNNING', error: null };
    }
  }
  state.view.status = summary.status;
  summary.finishedAt = workflowNow().toISOString();
  await recordSystemOutcome({
    requestId: input.requestId,
    connectorId: input.connectorId,
    status: summary.status,
    counts: state.view.counts,
    error: summary.status === 'DONE' && !summary.manual ? null : state.view.error,
    manualTaskId: summary.manual?.taskId ?? state.view.manualTaskId ?? null,
  });
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
