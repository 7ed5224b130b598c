/**
 * A person's part of a request: open the task, remind its assignee while it
 * stays open, and take the evidence once it is completed. The wait is a
 * durable timer, so it survives restarts and may last weeks. Workflow code.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { ManualTaskReason } from '../core/storage/manual-tasks.js';
import type { DsrActivities } from './activities/index.js';
import type { ManualResolution, SystemInput, SystemView } from './types.js';

const { openManualTask, remindManualTask, cancelManualTask, closeManualTask } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface ManualWait {
  view: Omit<SystemView, 'name'>;
  /** The request was cancelled. */
  stopped: boolean;
  /** Tasks reported completed by a signal. */
  tasksDone: Set<string>;
}

/** Null when the request was cancelled before the task was completed. */
export async function waitForManualTask(input: SystemInput, state: ManualWait, reason: ManualTaskReason, attempt: number): Promise<ManualResolution | null> {
  const { taskId } = await openManualTask({ requestId: input.requestId, connectorId: input.connectorId, reason, attempt });
  state.view.status = 'WAITING_MANUAL';
  state.view.manualTaskId = taskId;
  let done = false;
  while (!done) {
    if (await condition(() => state.tasksDone.has(taskId) || state.stopped, input.manualTaskReminderMs)) {
      done = state.tasksDone.has(taskId);
      if (!done) break;
    } else {
      // The reminder also looks at the task itself: completed without a signal reaching us, it still counts.
      done = (await remindManualTask({ taskId })).done;
    }
  }
  // Completed at the last moment, a task counts even when the request was cancelled.
  return done ? closeManualTask({ taskId }) : cancelManualTask({ taskId });
}
