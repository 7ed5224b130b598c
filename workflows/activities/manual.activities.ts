import { ApplicationFailure } from '@temporalio/common';
import type { ErasureOutcome } from '../../connectors/sdk/contract.js';
import { manualInstructions } from '../../core/manual-instructions.js';
import { erasureFileId } from '../../core/storage/export-ids.js';
import { manualTaskId, type ManualTaskDoc, type ManualTaskReason } from '../../core/storage/manual-tasks.js';
import type { ManualResolution } from '../types.js';
import { withFailureMapping } from './failures.js';
import type { ActivityDeps } from './index.js';
import { mailStaff } from './mail.js';

/** A person's part of a request: the task, its reminders, its evidence. */
export function manualActivities(deps: ActivityDeps) {
  const { requests, manualTasks } = deps.storage;
  const now = deps.now ?? (() => new Date());

  const mailTask = (task: ManualTaskDoc, reminder: boolean) =>
    mailStaff(
      deps,
      task.requestId,
      `task:${task._id}:${reminder ? task.reminders + 1 : 0}`,
      () => ({ name: 'manual_task', taskId: task._id, requestId: task.requestId, type: task.type, system: task.system, instructions: task.instructions, dueAt: task.dueAt, reminder }),
      task.assignee,
    );

  function resolution(task: ManualTaskDoc): ManualResolution {
    if (task.status !== 'DONE' || !task.completedAt || !task.completedBy || !task.evidenceSha256) throw ApplicationFailure.nonRetryable(`Manual task ${task._id} is not completed`, 'TASK_OPEN');
    return { taskId: task._id, reason: task.reason, completedBy: task.completedBy, completedAt: task.completedAt.toISOString(), evidenceSha256: task.evidenceSha256, records: task.records };
  }

  /** What the erasure left to a person, as the connector described each record. */
  async function manualErasures(input: { requestId: string; connectorId: string }): Promise<string[]> {
    const outcomes = await deps.storage.exports.readJson<ErasureOutcome[]>(erasureFileId(input.requestId, input.connectorId));
    return outcomes.filter((o) => o.action === 'manual').map((o) => o.detail ?? `${o.ref.object} ${o.ref.id}`);
  }

  return {
    /** Opens the system's task (once), shows it on the request and emails the assignee. */
    async openManualTask(input: { requestId: string; connectorId: string; reason: ManualTaskReason; attempt: number }): Promise<{ taskId: string }> {
      const doc = await requests.get(input.requestId);
      const connectorDoc = await withFailureMapping(() => deps.catalog.get(input.connectorId));
      const description = await withFailureMapping(async () => (await deps.catalog.open(connectorDoc)).describe());
      const task = await manualTasks.open({
        _id: manualTaskId(input.requestId, input.connectorId, input.attempt),
        requestId: input.requestId,
        connectorId: input.connectorId,
        system: connectorDoc.name,
        type: doc.type,
        reason: input.reason,
        instructions: manualInstructions({
          type: doc.type,
          reason: input.reason,
          system: connectorDoc.name,
          identity: doc.identity,
          howTo: description.handledBy?.instructions,
          items: input.reason === 'manual_erasure' ? await manualErasures(input) : undefined,
          language: deps.config.mail.defaultLanguage,
        }),
        assignee: description.handledBy?.assignee ?? deps.config.deadlines.dpoEmail,
        createdAt: now(),
        dueAt: doc.dueAt,
      });
      await requests.patchSystem(input.requestId, input.connectorId, { status: 'WAITING_MANUAL', manualTaskId: task._id, error: null });
      await mailTask(task, false);
      return { taskId: task._id };
    },

    /** Reminds the assignee of an open task; says whether it was completed meanwhile. */
    async remindManualTask(input: { taskId: string }): Promise<{ done: boolean }> {
      const task = await manualTasks.get(input.taskId);
      if (task.status !== 'OPEN') return { done: task.status === 'DONE' };
      await mailTask(task, true);
      await manualTasks.noteReminder(task._id, now());
      return { done: false };
    },

    /** The request was cancelled: the task is withdrawn, unless it was completed at the last moment. */
    async cancelManualTask(input: { taskId: string }): Promise<ManualResolution | null> {
      await manualTasks.cancel(input.taskId);
      const task = await manualTasks.get(input.taskId);
      return task.status === 'DONE' ? resolution(task) : null;
    },

    /** The evidence of a completed task, as the report records it (a hash, never the words). */
    async closeManualTask(input: { taskId: string }): Promise<ManualResolution> {
      return resolution(await manualTasks.get(input.taskId));
    },
  };
}
